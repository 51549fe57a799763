// Which session each call tab is in. A session starts when a tab's camera or mic goes live and ends
// when its tracks end (or nothing is heard from it) for longer than the reconnect grace, or when the
// tab closes; a reconnect within the grace continues the same session. Tabs are separate sessions.
// A plain state machine: events in, decisions out; the service worker persists the open sessions
// (inside their records) so that a worker restart resumes them instead of splitting them.

/** A call that drops and comes back within this (ms) is the same session. */
export const RECONNECT_GRACE_MS = 60_000;

export interface OpenSession {
  id: string;
  tabId: number;
  site: string;
  startedAt: number;
  lastSeenAt: number;
  /** when the tab's tracks ended; null while live */
  tracksEndedAt: number | null;
}

export type TrackerEvent = { type: 'started'; session: OpenSession } | { type: 'ended'; session: OpenSession; endedAt: number };

export class SessionTracker {
  private readonly byTab = new Map<number, OpenSession>();

  constructor(
    restored: readonly OpenSession[],
    private readonly newId: () => string,
  ) {
    for (const s of restored) this.byTab.set(s.tabId, { ...s });
  }

  get open(): OpenSession[] {
    return [...this.byTab.values()];
  }

  sessionOf(tabId: number): OpenSession | null {
    return this.byTab.get(tabId) ?? null;
  }

  /** The tab's camera or mic is live (taps, or metrics arriving from its coach). */
  live(tabId: number, site: string, now: number): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    const current = this.byTab.get(tabId);
    if (current) {
      const gone = current.tracksEndedAt ?? current.lastSeenAt;
      if (current.site === site && now - gone <= RECONNECT_GRACE_MS) {
        current.tracksEndedAt = null;
        current.lastSeenAt = Math.max(current.lastSeenAt, now);
        return events;
      }
      events.push(this.close(current, gone));
    }
    const session: OpenSession = { id: this.newId(), tabId, site, startedAt: now, lastSeenAt: now, tracksEndedAt: null };
    this.byTab.set(tabId, session);
    events.push({ type: 'started', session });
    return events;
  }

  /** The tab's local tracks all ended: the session closes unless they come back within the grace. */
  tracksEnded(tabId: number, now: number): void {
    const current = this.byTab.get(tabId);
    if (current && current.tracksEndedAt === null) {
      current.tracksEndedAt = now;
      current.lastSeenAt = Math.max(current.lastSeenAt, now);
    }
  }

  tabClosed(tabId: number, now: number): TrackerEvent[] {
    const current = this.byTab.get(tabId);
    return current ? [this.close(current, current.tracksEndedAt ?? Math.min(now, current.lastSeenAt))] : [];
  }

  /** Closes the sessions whose tracks ended, or that went silent, more than the grace ago. */
  sweep(now: number): TrackerEvent[] {
    const events: TrackerEvent[] = [];
    for (const s of [...this.byTab.values()]) {
      const gone = s.tracksEndedAt ?? s.lastSeenAt;
      if (now - gone > RECONNECT_GRACE_MS) events.push(this.close(s, gone));
    }
    return events;
  }

  private close(session: OpenSession, endedAt: number): TrackerEvent {
    this.byTab.delete(session.tabId);
    return { type: 'ended', session, endedAt: Math.max(session.startedAt, endedAt) };
  }
}
