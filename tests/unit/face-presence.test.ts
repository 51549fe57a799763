import { describe, expect, it } from 'vitest';
import { FacePresence } from '../../src/core/face-presence';

const options = { confirmFaceMs: 150, confirmLossMs: 600, staleMs: 2500 };

/** Feeds a pattern of found/not-found at 10 Hz; returns the verdict after each frame. */
function run(pattern: string, presence = new FacePresence(options)) {
  return [...pattern].map((c, i) => presence.update(i * 100, c === 'F'));
}

describe('FacePresence', () => {
  it('takes the first observation at once, then needs the hold time to change', () => {
    const verdicts = run('FFFFFnnFFFF');
    expect(verdicts.every((v) => v === 'face')).toBe(true);
  });

  it('declares no-face only after 600 ms without a face', () => {
    const verdicts = run('FFFnnnnnnnnn');
    expect(verdicts.indexOf('no-face')).toBe(3 + 6);
  });

  it('ignores the ~2 ghost frames MediaPipe reports after a face leaves and the empty first frame after a jump', () => {
    const verdicts = run('nnnnnFFnnnnnnnnn'.replace(/^/, ''));
    expect(verdicts.slice(5, 9).every((v) => v === 'no-face')).toBe(true);
  });

  it('is unknown when frames stop, never "no face"', () => {
    const presence = new FacePresence(options);
    presence.update(0, true);
    expect(presence.current(2000)).toBe('face');
    expect(presence.current(2600)).toBe('unknown');
    expect(presence.update(2700, false)).toBe('no-face');
  });
});
