import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// An in-memory storage.local with onChanged, standing in for the extension's.
const data = new Map<string, unknown>();
const listeners = new Set<(changes: Record<string, { newValue?: unknown }>, area: string) => void>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) {
            data.set(k, structuredClone(v));
            listeners.forEach((l) => l({ [k]: { newValue: structuredClone(v) } }, 'local'));
          }
        },
        remove: async (key: string) => {
          data.delete(key);
          listeners.forEach((l) => l({ [key]: {} }, 'local'));
        },
      },
      onChanged: { addListener: (l: never) => listeners.add(l), removeListener: (l: never) => listeners.delete(l) },
    },
  },
}));

const store = await import('../../src/shared/gaze-calibration-store');
const record = {
  version: 1,
  createdAt: 1_700_000_000_000,
  camera: { irisX: 0.01, irisY: 0.02, lookX: 0.1, lookY: null, blink: 0.1, yaw: 1, pitch: 11 },
  tile: { x: 0, y: -12, off: 12 },
  tilePitchDeg: 12,
} as const;

beforeEach(() => {
  data.clear();
  listeners.clear();
});

describe('gaze calibration store', () => {
  it('keys by the first 16 hex digits of sha256(label), never the label', async () => {
    const label = 'FaceTime HD Camera (05ac:8514)';
    const key = await store.cameraKeyOf(label);
    expect(key).toBe(createHash('sha256').update(label).digest('hex').slice(0, 16));
    expect(await store.cameraKeyOf('')).toBeNull();
    await store.writeCalibration(key!, record);
    expect([...data.keys()]).toEqual([`gazeCalibration:${key}`]);
    expect(JSON.stringify([...data])).not.toContain('FaceTime');
  });

  it('round-trips a valid record and reads nothing for an unknown camera', async () => {
    await store.writeCalibration('0123456789abcdef', record);
    expect(await store.readCalibration('0123456789abcdef')).toEqual({ record, problem: null });
    expect(await store.readCalibration('fedcba9876543210')).toEqual({ record: null, problem: null });
  });

  it('ignores and reports a corrupt or old-version record', async () => {
    data.set('gazeCalibration:0123456789abcdef', { ...record, tile: { x: 'left', y: 0, off: 0 } });
    const read = await store.readCalibration('0123456789abcdef');
    expect(read.record).toBeNull();
    expect(read.problem).toMatch(/ignored \(tile\.x: .*\); using the defaults/);
    data.set('gazeCalibration:0123456789abcdef', { ...record, version: 0 });
    expect((await store.readCalibration('0123456789abcdef')).problem).toMatch(/version/);
  });

  it('refuses a malformed camera key', async () => {
    await expect(store.writeCalibration('../settings', record)).rejects.toThrow();
    expect(() => store.calibrationKey('ABCDEF0123456789')).toThrow();
  });

  it('tells a watcher about changes to its camera only, until aborted', async () => {
    const seen: unknown[] = [];
    const life = new AbortController();
    store.watchCalibration('0123456789abcdef', (read) => seen.push(read.record), life.signal);
    await store.writeCalibration('fedcba9876543210', record);
    await store.writeCalibration('0123456789abcdef', record);
    await store.clearCalibration('0123456789abcdef');
    life.abort();
    await store.writeCalibration('0123456789abcdef', record);
    expect(seen).toEqual([record, null]);
  });
});
