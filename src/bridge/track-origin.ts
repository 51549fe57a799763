// What the bridge accepts from a probe event. The page can forge those events (page-channel.ts), so
// the media they carry is checked against what the probe claims:
//   local   a capture device's track (camera or microphone): a plain MediaStreamTrack whose settings
//           name a device group; not a screen (displaySurface). Canvas, WebAudio, generator and
//           remote tracks have no groupId (measured, Chromium 156).
//   remote  a plain MediaStreamTrack that a peer connection made ("remote audio" / "remote video"),
//           with no capture device behind it.
// A page can still hand over a real remote track of its own (a loopback connection): the remote side
// of a call is the page's to provide, so that is no forgery.

function settingsOf(track: MediaStreamTrack): MediaTrackSettings | null {
  try {
    if (Object.getPrototypeOf(track) !== MediaStreamTrack.prototype) return null; // canvas, generator
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
