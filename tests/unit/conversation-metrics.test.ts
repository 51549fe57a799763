import { describe, expect, it } from 'vitest';
import { ConversationMetrics } from '../../src/coach/conversation-metrics';

describe('ConversationMetrics on the audio port', () => {
  it('sums key presses between takes and keeps the newest remote stall, never the keys themselves', () => {
    const m = new ConversationMetrics();
    expect(m.takeActivity(0)).toBeNull();
    expect(m.add({ type: 'activity', keys: 3, remoteFrozenMs: null }, 1000)).toBe(true);
    expect(m.add({ type: 'activity', keys: 2, remoteFrozenMs: 4000 }, 2000)).toBe(true);
    expect(m.takeActivity(2100)).toEqual({ keys: 5, remoteFrozenMs: 4000 });
    expect(m.takeActivity(2200)).toEqual({ keys: 0, remoteFrozenMs: 4000 });
    expect(m.takeActivity(9000)).toBeNull(); // the bridge went quiet: unknown, not "no typing"
  });

  it('refuses forged or malformed activity and counts it', () => {
    const m = new ConversationMetrics();
    for (const bad of [
      { type: 'activity', keys: -1, remoteFrozenMs: null },
      { type: 'activity', keys: 1e9, remoteFrozenMs: null },
      { type: 'activity', keys: 2, remoteFrozenMs: 'long' },
      { type: 'activity', keys: 1.5, remoteFrozenMs: null },
    ])
      expect(m.add(bad, 0)).toBe(false);
    expect(m.rejected).toBe(4);
    expect(m.takeActivity(0)).toBeNull();
  });
});
