// Which frame source the pump uses (bridge/frame-source.ts): the track processor in Chrome, the
// <video> fallback where it is missing (Firefox's main thread), none where neither works.
import { describe, expect, it } from 'vitest';
import { chooseFrameSource, frameSourceSupport } from '../../../src/bridge/frame-source';

class Fake {}

describe('frameSourceSupport', () => {
  it('sees a Chrome page: processor, <video> and OffscreenCanvas', () => {
    const scope = { MediaStreamTrackProcessor: Fake, document: {}, HTMLVideoElement: Fake, OffscreenCanvas: Fake };
    expect(frameSourceSupport(scope)).toEqual({ trackProcessor: true, videoElement: true });
  });

  it('sees a Firefox page: no processor on the main thread', () => {
    expect(frameSourceSupport({ document: {}, HTMLVideoElement: Fake, OffscreenCanvas: Fake })).toEqual({
      trackProcessor: false,
      videoElement: true,
    });
  });

  it('sees a worker or Node: no DOM, no <video>', () => {
    expect(frameSourceSupport({ OffscreenCanvas: Fake })).toEqual({ trackProcessor: false, videoElement: false });
    expect(frameSourceSupport(globalThis)).toEqual({ trackProcessor: false, videoElement: false });
  });
});

describe('chooseFrameSource', () => {
  const both = { trackProcessor: true, videoElement: true };
  it('prefers the track processor', () => {
    expect(chooseFrameSource(both)).toBe('track-processor');
  });
  it('uses the video element when asked to (e2e test builds), or when it is all there is', () => {
    expect(chooseFrameSource(both, false)).toBe('video-element');
    expect(chooseFrameSource({ trackProcessor: false, videoElement: true })).toBe('video-element');
  });
  it('keeps the processor when not preferred but there is no video element', () => {
    expect(chooseFrameSource({ trackProcessor: true, videoElement: false }, false)).toBe('track-processor');
  });
  it('has nothing when neither exists', () => {
    expect(chooseFrameSource({ trackProcessor: false, videoElement: false })).toBeNull();
  });
});
