import { describe, expect, it } from 'vitest';
import { RECONNECT_GRACE_MS, SessionTracker } from '../../../src/core/session/tracker';

const ids = () => {
  let n = 0;
  return () => `s${++n}`;
};

describe('SessionTracker', () => {
  it('continues a session when the call reconnects within the grace, and splits it after', () => {
    const t = new SessionTracker([], ids());
    expect(t.live(7, 'meet.example', 0).map((e) => e.type)).toEqual(['started']);
    t.live(7, 'meet.example', 30_000);
    t.tracksEnded(7, 40_000);
    expect(t.live(7, 'meet.example', 40_000 + RECONNECT_GRACE_MS - 1)).toEqual([]);
    expect(t.sessionOf(7)!.id).toBe('s1');
    t.tracksEnded(7, 200_000);
    const events = t.live(7, 'meet.example', 200_000 + RECONNECT_GRACE_MS + 1);
    expect(events.map((e) => e.type)).toEqual(['ended', 'started']);
    expect(events[0]).toMatchObject({ type: 'ended', endedAt: 200_000 });
    expect(t.sessionOf(7)!.id).toBe('s2');
  });

  it('keeps tabs apart and closes a session with its tab', () => {
    const t = new SessionTracker([], ids());
    t.live(1, 'a.example', 0);
    t.live(2, 'b.example', 1000);
    t.live(1, 'a.example', 5000);
    const closed = t.tabClosed(1, 9000);
    expect(closed).toEqual([expect.objectContaining({ type: 'ended', endedAt: 5000 })]);
    expect(t.open.map((s) => s.id)).toEqual(['s2']);
  });

  it('a new site in the same tab is a new session', () => {
    const t = new SessionTracker([], ids());
    t.live(1, 'a.example', 0);
    expect(t.live(1, 'b.example', 1000).map((e) => e.type)).toEqual(['ended', 'started']);
  });

  it('sweeps sessions that ended or went silent longer than the grace ago', () => {
    const t = new SessionTracker([], ids());
    t.live(1, 'a.example', 0);
    t.live(2, 'b.example', 0);
    t.tracksEnded(1, 10_000);
    t.live(2, 'b.example', 50_000);
    expect(t.sweep(10_000 + RECONNECT_GRACE_MS)).toEqual([]);
    const swept = t.sweep(50_000 + RECONNECT_GRACE_MS + 1);
    expect(swept.map((e) => [e.session.id, e.type === 'ended' && e.endedAt])).toEqual([
      ['s1', 10_000],
      ['s2', 50_000],
    ]);
  });

  it('resumes restored sessions (a restarted service worker) instead of starting new ones', () => {
    const restored = [{ id: 'kept', tabId: 4, site: 'a.example', startedAt: 0, lastSeenAt: 20_000, tracksEndedAt: null }];
    const t = new SessionTracker(restored, ids());
    expect(t.live(4, 'a.example', 26_000)).toEqual([]);
    expect(t.sessionOf(4)!.id).toBe('kept');
  });
});
