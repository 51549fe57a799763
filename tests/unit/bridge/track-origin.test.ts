// Which track prototypes the bridge takes for a capture device's (bridge/track-origin.ts): Chrome's
// plain MediaStreamTrack, and Firefox's legacy VideoStreamTrack / AudioStreamTrack subclasses; not a
// canvas or generator track's subclass.
import { describe, expect, it } from 'vitest';
import { isPlainTrackPrototype } from '../../../src/bridge/track-origin';

const base = { [Symbol.toStringTag]: 'MediaStreamTrack' };
const sub = (tag: string, parent: object = base) => Object.create(parent, { [Symbol.toStringTag]: { value: tag } }) as object;

describe('isPlainTrackPrototype', () => {
  it('takes MediaStreamTrack.prototype itself', () => {
    expect(isPlainTrackPrototype(base, base)).toBe(true);
  });
  it("takes Firefox's legacy camera and mic subclasses", () => {
    expect(isPlainTrackPrototype(sub('VideoStreamTrack'), base)).toBe(true);
    expect(isPlainTrackPrototype(sub('AudioStreamTrack'), base)).toBe(true);
  });
  it('refuses canvas and generator tracks, deeper chains and null', () => {
    expect(isPlainTrackPrototype(sub('CanvasCaptureMediaStreamTrack'), base)).toBe(false);
    expect(isPlainTrackPrototype(sub('MediaStreamTrackGenerator'), base)).toBe(false);
    expect(isPlainTrackPrototype(sub('VideoStreamTrack', sub('CanvasCaptureMediaStreamTrack')), base)).toBe(false);
    expect(isPlainTrackPrototype(sub('VideoStreamTrack', {}), base)).toBe(false);
    expect(isPlainTrackPrototype(null, base)).toBe(false);
  });
});
