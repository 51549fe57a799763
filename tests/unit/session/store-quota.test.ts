// Storage full (issue 8): a session write that hits storage.local's quota drops the oldest closed
// session, says so in the store's health (diagnostics), and keeps every open session.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCursor } from '../../../src/core/session/aggregates';
import type { SessionRecord } from '../../../src/core/session/record';
import { makeRecord, T0 } from './records';

// storage.local with a byte quota, failing as Chrome does ("QUOTA_BYTES quota exceeded").
const data = new Map<string, unknown>();
let quotaBytes = Infinity;
const size = () => [...data].reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string | null) =>
          key === null
            ? Object.fromEntries([...data].map(([k, v]) => [k, structuredClone(v)]))
            : data.has(key)
              ? { [key]: data.get(key) }
              : {},
        set: async (items: Record<string, unknown>) => {
          const before = new Map(data);
          for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
          if (size() > quotaBytes) {
            data.clear();
            for (const [k, v] of before) data.set(k, v);
            throw new Error('Error: QUOTA_BYTES quota exceeded');
          }
        },
        remove: async (keys: string | string[]) => {
          for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
        },
      },
    },
  },
}));
const { SessionStore } = await import('../../../src/background/session-store');

const open = (r: SessionRecord): SessionRecord => ({
  ...r,
  endedAt: null,
  open: { tabId: 1, tracksEndedAt: null, cursor: emptyCursor(r.startedAt) },
});

beforeEach(() => {
  data.clear();
  quotaBytes = Infinity;
});

describe('SessionStore when storage is full', () => {
  it('drops the oldest closed session, says so, and saves the new one', async () => {
    const store = new SessionStore();
    await store.loadAll();
    for (let i = 0; i < 3; i++) expect(await store.put(makeRecord(`old-${i}`, { startedAt: T0 + i * 3_600_000 }))).toBe(true);
    quotaBytes = size() + 100; // room for nothing as big as a session
    expect(await store.put(makeRecord('new', { startedAt: T0 + 5 * 3_600_000 }))).toBe(true);
    const ids = (await store.loadAll()).map((r) => r.id);
    expect(ids).toEqual(['old-1', 'old-2', 'new']);
    expect(store.health.droppedForQuota).toBe(1);
    expect(store.health.lastError).toMatch(/full/);
  });

  it("never drops an open session (another tab's live call) to make room", async () => {
    const store = new SessionStore();
    await store.loadAll();
    const live = open(makeRecord('live-other-tab', { startedAt: T0 }));
    expect(await store.put(live)).toBe(true);
    expect(await store.put(makeRecord('closed', { startedAt: T0 + 3_600_000 }))).toBe(true);
    quotaBytes = size() + 100;
    // the closed one goes; then there is nothing closed left to drop, and the write fails honestly
    expect(await store.put(makeRecord('a', { startedAt: T0 + 2 * 3_600_000 }))).toBe(true);
    expect(await store.put(makeRecord('b', { startedAt: T0 + 3 * 3_600_000 }))).toBe(true); // drops 'a'
    quotaBytes = size() - 1; // now even one more byte fails
    expect(await store.put(makeRecord('c', { startedAt: T0 + 4 * 3_600_000 }))).toBe(false);
    const ids = (await store.loadAll()).map((r) => r.id);
    expect(ids).toContain('live-other-tab');
    expect(store.health.lastError).toMatch(/Could not save a session/);
  });
});
