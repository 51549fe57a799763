import { describe, expect, it } from 'vitest';
import { pauseReason } from '../../src/core/pause-policy';

const live = { muted: false, enabled: true, hiddenSince: null };

describe('pauseReason', () => {
  it('sends while the camera is on and the page visible', () => {
    expect(pauseReason(live, 1e6, 10_000)).toBeNull();
  });

  it('pauses at once when the camera is off, whatever the visibility', () => {
    expect(pauseReason({ ...live, enabled: false }, 0, 10_000)).toBe('camera-off');
    expect(pauseReason({ ...live, muted: true }, 0, 10_000)).toBe('camera-off');
    expect(pauseReason({ ...live, muted: true, hiddenSince: 0 }, 60_000, 10_000)).toBe('camera-off');
  });

  it('pauses a hidden page only once the grace period has passed', () => {
    const hidden = { ...live, hiddenSince: 5000 };
    for (const [now, want] of [
      [5000, null],
      [14_999, null],
      [15_000, 'hidden'],
      [60_000, 'hidden'],
    ] as const) {
      expect(pauseReason(hidden, now, 10_000), `at ${now} ms`).toBe(want);
    }
    expect(pauseReason(hidden, 5000, 0)).toBe('hidden');
  });
});
