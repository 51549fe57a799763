// Tracks we have tapped, with their end noticed whichever way it happens: the source ends ('ended'
// event) or the page calls stop() (no event fires then, so readyState is polled once a second).

export class TrackSet {
  private readonly tracks = new Set<MediaStreamTrack>();

  constructor(private readonly onChange: () => void) {}

  add(track: MediaStreamTrack, signal: AbortSignal): void {
    if (this.tracks.has(track) || track.readyState === 'ended') return;
    this.tracks.add(track);
    track.addEventListener('ended', () => this.sweep(), { signal });
    this.onChange();
  }

  /** Drops ended tracks; call from a 1 s timer. */
  sweep(): void {
    let changed = false;
    for (const track of this.tracks) {
      if (track.readyState === 'ended') {
        this.tracks.delete(track);
        changed = true;
      }
    }
    if (changed) this.onChange();
  }

  has(track: MediaStreamTrack): boolean {
    return this.tracks.has(track);
  }

  count(kind: 'audio' | 'video'): number {
    let n = 0;
    for (const track of this.tracks) if (track.kind === kind) n++;
    return n;
  }

  /** The most recently added live track of a kind. */
  newest(kind: 'audio' | 'video'): MediaStreamTrack | null {
    let found: MediaStreamTrack | null = null;
    for (const track of this.tracks) if (track.kind === kind && track.readyState === 'live') found = track;
    return found;
  }

  /** Every live track of a kind. */
  live(kind: 'audio' | 'video'): MediaStreamTrack[] {
    return [...this.tracks].filter((t) => t.kind === kind && t.readyState === 'live');
  }

  clear(): void {
    this.tracks.clear();
  }
}
