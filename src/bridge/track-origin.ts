// What the bridge accepts from a probe event. The page can forge those events (page-channel.ts), so
// the media they carry is checked against what the probe claims:
//   local   a capture device's track (camera or microphone): a plain MediaStreamTrack whose settings
//           name a device group; not a screen (displaySurface). Canvas, WebAudio, generator and
//           remote tracks have no groupId (measured, Chromium 156).
//   remote  a plain MediaStreamTrack that a peer connection made ("remote audio" / "remote video"),
//           with no capture device behind it.
// A page can still hand over a real remote track of its own (a loopback connection): the remote side
// of a call is the page's to provide, so that is no forgery.

// Firefox made its camera and mic tracks VideoStreamTrack / AudioStreamTrack, subclasses of
// MediaStreamTrack, and stopped exposing them as globals (Mozilla bug 1377146) without saying whether
// they left the prototype chain: accept either shape (not verified in Firefox here, README "Firefox").
const LEGACY_TRACK_CLASSES = new Set(['VideoStreamTrack', 'AudioStreamTrack']);

/** True for MediaStreamTrack.prototype itself or Firefox's legacy plain subclasses; not a canvas or generator track's. */
export function isPlainTrackPrototype(proto: object | null, base: object): boolean {
  if (proto === base) return true;
  if (proto === null || Object.getPrototypeOf(proto) !== base) return false;
  return LEGACY_TRACK_CLASSES.has(String((proto as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag]));
}

function settingsOf(track: MediaStreamTrack): MediaTrackSettings | null {
  try {
    if (!isPlainTrackPrototype(Object.getPrototypeOf(track) as object | null, MediaStreamTrack.prototype)) return null; // canvas, generator
    return track.getSettings();
  } catch {
    return null;
  }
}

export function isCaptureDeviceTrack(track: MediaStreamTrack): boolean {
  const settings = settingsOf(track) as (MediaTrackSettings & { displaySurface?: unknown }) | null;
  return !!settings && typeof settings.groupId === 'string' && settings.groupId !== '' && settings.displaySurface === undefined;
}

export function isRemoteTrack(track: MediaStreamTrack): boolean {
  const settings = settingsOf(track);
  return !!settings && !settings.groupId && track.label === `remote ${track.kind}`;
}
