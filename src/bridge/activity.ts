// What the call tab shows besides media, for the session rituals (issue 9), once a second down the
// coach's audio port: how many keys went down (never which: key-activity.ts) and how long the
// client's video has been stalled. A remote track is muted by the browser when its media stops
// arriving, so a muted remote video is a stall (it also reads as one when the client's side stops
// sending video altogether: the cue, "name it", fits both).
import { watchKeys } from './key-activity';

const EVERY_MS = 1000;

export function startActivity(coachPort: () => MessagePort | null, remoteVideo: () => MediaStreamTrack[], signal: AbortSignal): void {
  const keys = watchKeys(window, signal);
  const mutedSince = new Map<MediaStreamTrack, number>();
  const timer = setInterval(() => {
    try {
      const now = performance.now();
      const tracks = remoteVideo();
      let frozen: number | null = tracks.length > 0 ? 0 : null;
      for (const track of tracks) {
        if (!track.muted) {
          mutedSince.delete(track);
          continue;
        }
        const since = mutedSince.get(track) ?? now;
        mutedSince.set(track, since);
        frozen = Math.max(frozen ?? 0, now - since);
      }
      for (const track of mutedSince.keys()) if (!tracks.includes(track)) mutedSince.delete(track);
      const pressed = keys.take();
      coachPort()?.postMessage({ type: 'activity', keys: Math.min(pressed, 1000), remoteFrozenMs: frozen });
    } catch {
      // never let our bookkeeping reach the page
    }
  }, EVERY_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
