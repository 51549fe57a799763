// Sessions in the service worker: the tracker decides which session a tab is in, each open session's
// aggregates are folded from its coach's 1 Hz metrics, and open sessions are checkpointed every 5 s
// (so at most ~5-10 s is at risk when MV3 stops the worker). On start the open sessions are read
// back from their records and resumed: a worker restart neither loses them nor splits them.
import { addSample, emptyAggregates, emptyCursor } from '../core/session/aggregates';
import { expiredIds, RECORD_VERSION, type SessionRecord } from '../core/session/record';
import type { SessionSample } from '../core/session/sample';
import { SessionTracker, type OpenSession, type TrackerEvent } from '../core/session/tracker';
import type { SessionStore } from './session-store';

export const CHECKPOINT_MS = 5000;

const toOpen = (r: SessionRecord): OpenSession | null =>
  r.open && {
    id: r.id,
    tabId: r.open.tabId,
    site: r.site,
    startedAt: r.startedAt,
    lastSeenAt: r.lastSeenAt,
    tracksEndedAt: r.open.tracksEndedAt,
  };

export class SessionService {
  private tracker = new SessionTracker([], () => crypto.randomUUID());
  private readonly live = new Map<string, SessionRecord>();
  private readonly dirty = new Set<string>();
  /** called when a session closes (to drop its tab from the quiet list) or the live set changes */
  onChange: (ended: OpenSession[]) => void = () => {};
  /** a session started, continued after its call came back, or ended (for diagnostics' event log) */
  onEvent: (tabId: number, what: string) => void = () => {};

  constructor(
    private readonly store: SessionStore,
    private readonly retentionDays: () => Promise<number>,
  ) {}

  async restore(now: number): Promise<void> {
    const records = await this.store.loadAll();
    const open = records.filter((r) => r.open !== null);
    for (const r of open) this.live.set(r.id, r);
    this.tracker = new SessionTracker(
      open.map(toOpen).filter((s) => s !== null),
      () => crypto.randomUUID(),
    );
    await this.apply(this.tracker.sweep(now));
    await this.sweepRetention(records, now);
  }

  get openSessions(): OpenSession[] {
    return this.tracker.open;
  }

  isLive(tabId: number): boolean {
    const s = this.tracker.sessionOf(tabId);
    return s !== null && s.tracksEndedAt === null;
  }

  /** The tab's local camera/mic state changed (the bridge's taps). */
  async taps(tabId: number, site: string, localLive: boolean, now: number): Promise<void> {
    if (localLive) {
      const before = this.tracker.sessionOf(tabId);
      const wasGone = before !== null && before.tracksEndedAt !== null;
      await this.apply(this.tracker.live(tabId, site, now));
      const after = this.tracker.sessionOf(tabId);
      if (wasGone && after?.id === before.id) this.onEvent(tabId, 'session continued: the call came back within the reconnect grace');
    } else this.tracker.tracksEnded(tabId, now);
    this.touch(tabId, now);
    this.onChange([]);
  }

  /** One second of the tab's coach metrics. */
  async metrics(tabId: number, site: string, sample: SessionSample, now: number): Promise<void> {
    const current = this.tracker.sessionOf(tabId);
    // Metrics mean the coach is running, i.e. the camera is live; they (re)start a session only when
    // none is open (e.g. the taps message was lost with a restarted worker).
    if (!current || current.site !== site) await this.apply(this.tracker.live(tabId, site, now));
    else if (current.tracksEndedAt === null) current.lastSeenAt = Math.max(current.lastSeenAt, now);
    const session = this.tracker.sessionOf(tabId);
    const record = session && this.live.get(session.id);
    if (!record?.open) return;
    addSample(record.aggregates, record.open.cursor, sample, now, record.startedAt);
    this.touch(tabId, now);
  }

  /** The tab's page was replaced (reloaded or navigated): its tracks ended now; a call back within the grace continues. */
  pageGone(tabId: number, now: number): void {
    this.tracker.tracksEnded(tabId, now);
    this.touch(tabId, now);
  }

  async tabClosed(tabId: number, now: number): Promise<void> {
    await this.apply(this.tracker.tabClosed(tabId, now));
  }

  /** Closes stale sessions and writes the open ones that changed. */
  async checkpoint(now: number): Promise<void> {
    await this.apply(this.tracker.sweep(now));
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      const record = this.live.get(id);
      if (record) await this.store.put(record);
    }
  }

  /** The live copy of an open record (fresher than its checkpoint). */
  liveRecord(id: string): SessionRecord | undefined {
    return this.live.get(id);
  }

  async forget(ids: readonly string[] | 'all'): Promise<number> {
    if (ids === 'all') {
      // Open sessions go too, and start afresh from the next second.
      for (const s of this.tracker.open) this.tracker.tabClosed(s.tabId, Date.now());
      this.live.clear();
      this.dirty.clear();
      return this.store.removeAll();
    }
    for (const id of ids) {
      const record = this.live.get(id);
      if (record?.open) this.tracker.tabClosed(record.open.tabId, Date.now());
      this.live.delete(id);
      this.dirty.delete(id);
    }
    await this.store.remove(ids);
    return ids.length;
  }

  private touch(tabId: number, now: number): void {
    const session = this.tracker.sessionOf(tabId);
    const record = session && this.live.get(session.id);
    if (!session || !record?.open) return;
    record.lastSeenAt = Math.max(record.lastSeenAt, session.lastSeenAt, now);
    record.open.tracksEndedAt = session.tracksEndedAt;
    this.dirty.add(record.id);
  }

  private async apply(events: TrackerEvent[]): Promise<void> {
    const ended: OpenSession[] = [];
    for (const event of events) {
      const s = event.session;
      if (event.type === 'started') {
        const record: SessionRecord = {
          version: RECORD_VERSION,
          id: s.id,
          site: s.site,
          startedAt: s.startedAt,
          lastSeenAt: s.lastSeenAt,
          endedAt: null,
          open: { tabId: s.tabId, tracksEndedAt: null, cursor: emptyCursor(s.startedAt) },
          aggregates: emptyAggregates(),
        };
        this.live.set(s.id, record);
        await this.store.put(record);
        this.onEvent(s.tabId, 'session started');
      } else {
        const record = this.live.get(s.id);
        this.live.delete(s.id);
        this.dirty.delete(s.id);
        ended.push(s);
        this.onEvent(s.tabId, 'session ended');
        if (!record) continue;
        record.open = null;
        record.endedAt = event.endedAt;
        record.lastSeenAt = Math.max(record.startedAt, Math.min(record.lastSeenAt, event.endedAt));
        await this.store.put(record);
      }
    }
    if (ended.length > 0) {
      this.onChange(ended);
      await this.sweepRetention(null, Date.now());
    }
  }

  private async sweepRetention(records: SessionRecord[] | null, now: number): Promise<void> {
    const all = records ?? (await this.store.loadAll());
    const expired = expiredIds(all, now, await this.retentionDays());
    if (expired.length > 0) await this.store.remove(expired);
  }
}
