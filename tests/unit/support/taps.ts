// A live call's taps report (camera and mic tapped, no client tracks), with overrides.
import type { Taps } from '../../../src/shared/protocol';

export const makeTaps = (over: Partial<Taps> = {}): Taps => ({
  localVideo: true,
  localAudio: true,
  remoteAudio: 0,
  remoteVideo: 0,
  sharing: false,
  cameraLiveAt: 1000,
  cameraSwitches: 0,
  micMuted: false,
  ...over,
});
