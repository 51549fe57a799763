// The service worker's session logic against an in-memory store: a worker restart (a new service
// over the same store) resumes the open session from its checkpoint instead of splitting it.
import { describe, expect, it } from 'vitest';
import { SessionService } from '../../../src/background/session-service';
import type { SessionStore } from '../../../src/background/session-store';
import { parseRecord, type SessionRecord } from '../../../src/core/session/record';
import { RECONNECT_GRACE_MS } from '../../../src/core/session/tracker';
import { conversation, sample } from './fixtures';

function memoryStore() {
  const saved = new Map<string, unknown>();
  const store = {
    health: { setAside: [], lastError: null, droppedForQuota: 0 },
    // through JSON and validation, as storage would
    loadAll: async () => [...saved.values()].map((v) => parseRecord(JSON.parse(JSON.stringify(v)))),
    put: async (r: SessionRecord) => (saved.set(r.id, JSON.parse(JSON.stringify(r))), true),
    remove: async (ids: readonly string[]) => ids.forEach((id) => saved.delete(id)),
    removeAll: async () => (saved.clear(), 0),
  };
  return { store: store as unknown as SessionStore, saved };
}

const T0 = 1_800_000_000_000;
const talk = (s: number) =>
  sample('at-camera', 'good', 'good', conversation({ talkMs: { therapist: s * 500, client: s * 300 }, responses: 0 }));

describe('SessionService', () => {
  it('resumes the open session after a restart, keeping what was checkpointed', async () => {
    const { store } = memoryStore();
    const first = new SessionService(store, async () => 90);
    await first.restore(T0);
    await first.taps(3, 'meet.example', true, T0);
    for (let s = 1; s <= 12; s++) {
      await first.metrics(3, 'meet.example', talk(s), T0 + s * 1000);
      if (s % 5 === 0) await first.checkpoint(T0 + s * 1000);
    }
    // killed at 12 s: the last checkpoint was at 10 s; seconds 11-12 are lost
    const second = new SessionService(store, async () => 90);
    await second.restore(T0 + 14_000);
    for (let s = 15; s <= 20; s++) await second.metrics(3, 'meet.example', talk(s), T0 + s * 1000);
    await second.checkpoint(T0 + 20_000);
    const records = await store.loadAll();
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r.startedAt).toBe(T0);
    // 10 s before the stop + 2 s (capped gap 10 s -> 15 s) + 5 s after
    expect(r.aggregates.sampledMs).toBe(10_000 + 2000 + 5000);
    // cumulative talk is counted in full: the coach's counters carried the lost seconds
    expect(r.aggregates.conversation!.talkMs).toEqual({ therapist: 20 * 500, client: 20 * 300 });
  });

  it('closes a session whose tracks ended more than the grace ago, at the time they ended', async () => {
    const { store } = memoryStore();
    const service = new SessionService(store, async () => 90);
    await service.restore(T0);
    await service.taps(3, 'meet.example', true, T0);
    await service.metrics(3, 'meet.example', talk(1), T0 + 1000);
    await service.taps(3, 'meet.example', false, T0 + 30_000);
    await service.checkpoint(T0 + 30_000 + RECONNECT_GRACE_MS + 1);
    const [r] = await store.loadAll();
    expect(r!.open).toBeNull();
    expect(r!.endedAt).toBe(T0 + 30_000);
  });

  it('deletes sessions past the retention when one ends', async () => {
    const { store, saved } = memoryStore();
    const service = new SessionService(store, async () => 1);
    await service.restore(T0);
    await service.taps(1, 'a.example', true, T0);
    await service.tabClosed(1, T0 + 5000);
    expect(saved.size).toBe(1);
    const later = new SessionService(store, async () => 1);
    await later.restore(T0 + 2 * 86_400_000);
    expect(saved.size).toBe(0);
  });
});

describe('SessionService events (diagnostics)', () => {
  it('tells a session starting, continuing after its page was replaced, and ending', async () => {
    const { store } = memoryStore();
    const service = new SessionService(store, async () => 90);
    const events: string[] = [];
    service.onEvent = (tabId, what) => events.push(`${tabId}: ${what}`);
    await service.restore(T0);
    await service.taps(3, 'meet.example', true, T0);
    await service.metrics(3, 'meet.example', talk(1), T0 + 1000);
    // the page reloads: the old page's tracks end with it, the new page's call comes back 4 s later
    service.pageGone(3, T0 + 2000);
    await service.taps(3, 'meet.example', true, T0 + 6000);
    await service.tabClosed(3, T0 + 9000);
    expect(events).toEqual([
      '3: session started',
      '3: session continued: the call came back within the reconnect grace',
      '3: session ended',
    ]);
    const records = await store.loadAll();
    expect(records).toHaveLength(1);
    expect(records[0]!.endedAt).not.toBeNull();
  });

  it('a page replaced and not back within the grace ends the session at the time the page went', async () => {
    const { store } = memoryStore();
    const service = new SessionService(store, async () => 90);
    await service.restore(T0);
    await service.taps(3, 'meet.example', true, T0);
    service.pageGone(3, T0 + 5000);
    await service.checkpoint(T0 + 5000 + RECONNECT_GRACE_MS + 1);
    const [r] = await store.loadAll();
    expect(r!.endedAt).toBe(T0 + 5000);
  });
});
