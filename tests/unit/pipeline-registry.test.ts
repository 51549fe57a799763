// The service worker's live pipeline state (issue 8): a new document in a call tab is a reloaded page
// (its call starts afresh), a second coach is a reopened one, and the event log survives a worker
// restart through storage.session.
import { makeTaps } from './support/taps';
import { describe, expect, it, vi } from 'vitest';

const session = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      session: {
        get: async (keys: string[]) =>
          Object.fromEntries(keys.filter((k) => session.has(k)).map((k) => [k, structuredClone(session.get(k))])),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) session.set(k, structuredClone(v));
        },
      },
    },
  },
}));
const { PipelineRegistry } = await import('../../src/background/pipeline-registry');

const taps = makeTaps;

describe('PipelineRegistry', () => {
  it('a new document in the same tab and frame is a new page: its call starts afresh', () => {
    const registry = new PipelineRegistry();
    expect(registry.setTaps(4, 0, 'meet.example', taps(), 1000, 'doc-a')).toEqual({ previous: null, newPage: false });
    expect(registry.setTaps(4, 0, 'meet.example', taps({ micMuted: true }), 2000, 'doc-a')).toEqual({ previous: taps(), newPage: false });
    registry.setCoachMetrics(4, -1, { frames: 1 } as never, 2500); // no coach linked: ignored
    expect(registry.linkCoach(4, 0, 7)).toBe(false);
    const reloaded = registry.setTaps(4, 0, 'meet.example', taps({ cameraLiveAt: 9000 }), 9500, 'doc-b');
    expect(reloaded).toEqual({ previous: null, newPage: true });
    const [call] = registry.snapshot('1', 10_000).calls;
    expect(call).toMatchObject({ tabId: 4, since: 9500, coach: null });
    expect(call).not.toHaveProperty('documentId');
    // the new page's coach is linked fresh, not counted as a reopened one
    expect(registry.linkCoach(4, 0, 9)).toBe(false);
    expect(registry.linkCoach(4, 0, 11)).toBe(true);
  });

  it('without document ids (older browsers) a report is never taken for a new page', () => {
    const registry = new PipelineRegistry();
    registry.setTaps(4, 0, 'x', taps(), 1000);
    expect(registry.setTaps(4, 0, 'x', taps(), 2000, 'doc-a').newPage).toBe(false);
    expect(registry.setTaps(4, 0, 'x', taps(), 3000).newPage).toBe(false);
  });

  it('keeps the event log across a worker restart', async () => {
    vi.useFakeTimers();
    try {
      const registry = new PipelineRegistry();
      registry.note(4, 'mic muted by the page', 1000);
      registry.note(null, 'extension reloaded', 2000);
      await vi.advanceTimersByTimeAsync(600); // the debounced save
      const restarted = new PipelineRegistry();
      await restarted.restore();
      expect(restarted.snapshot('1', 3000).events).toEqual([
        { at: 1000, tabId: 4, what: 'mic muted by the page' },
        { at: 2000, tabId: null, what: 'extension reloaded' },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
