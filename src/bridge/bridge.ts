// Isolated-world bridge: receives the page's streams from the probe, taps them, and owns the call's
// lifecycle. One AbortController per call: when the page's local tracks are all gone, aborting it
// stops the frame pump, removes the coach iframe and drops every listener (STYLE.md principle 6).
import { PAGE_DATA_KEY, PAGE_EVENT, parseProbeMessage, type ProbeMessage } from '../shared/page-channel';
import { request } from '../shared/messaging';
import type { Taps } from '../shared/protocol';
import { openCoachFrame, type CoachFrame } from './coach-frame';
import browser from 'webextension-polyfill';
import { readSettings, SETTINGS_KEY } from '../shared/settings';
import { canPumpFrames, DEFAULT_PUMP, pumpFrames } from './frame-pump';
import { TEST_FRAME_SOURCE_KEY, type FrameSourceKind } from './frame-source';
import { cameraKeyOf } from '../shared/gaze-calibration-store';
import { TrackSet } from './track-set';
import { startAudioLink } from './audio-link';
import { startActivity } from './activity';
import { isCaptureDeviceTrack, isRemoteTrack } from './track-origin';
import { extensionAlive } from '../shared/extension-context';

// A page that keeps removing the coach (re-rendering <body>) gets it back this often, then no more.
const MAX_COACH_RESTARTS = 3;
const TEST_BUILD = import.meta.env.VITE_WEBSIDE_TEST === '1';

interface Call {
  controller: AbortController;
  coach: Promise<CoachFrame | null> | null;
  coachFrame: CoachFrame | null;
  coachController: AbortController | null;
  coachRestarts: number;
  pumping: MediaStreamTrack | null;
  pumpController: AbortController | null;
  /** how the pump reads the camera, once it runs */
  frameSource: FrameSourceKind | null;
}

const local = new TrackSet(() => onTracksChanged());
const remote = new TrackSet(() => {
  reportTaps();
  audio.tracks(local.newest('audio'), remote.live('audio'));
});
let call: Call | null = null;
// Remote tracks can arrive before the therapist's own media; they live as long as the page.
const pageLife = new AbortController();
const audio = startAudioLink(() => call?.coachFrame?.audioPort ?? null, pageLife.signal);
let sharing = false;
let cameraLiveAt: number | null = null;
/** Camera tracks that replaced an earlier one in this call (diagnostics: "camera switched"). */
let cameraSwitches = 0;
/** Set once the extension has been reloaded or updated under this page: see retire(). */
let retired = false;

function currentTaps(): Taps {
  return {
    localVideo: call?.pumping != null,
    localAudio: local.count('audio') > 0,
    remoteAudio: remote.count('audio'),
    remoteVideo: remote.count('video'),
    sharing,
    cameraLiveAt,
    cameraSwitches,
    micMuted: micMuted(),
    ...(call?.pumping != null && call.frameSource ? { frameSource: call.frameSource } : {}),
  };
}

/** The mic is live but every live mic track is disabled: how call sites mute. `enabled` has no event: polled. */
function micMuted(): boolean {
  const mics = local.live('audio');
  return mics.length > 0 && mics.every((t) => !t.enabled);
}

let lastReported = '';
function reportTaps(): void {
  if (retired) return;
  if (!extensionAlive()) return retire();
  const taps = currentTaps();
  const key = JSON.stringify(taps);
  if (key === lastReported) return;
  lastReported = key;
  request({ type: 'taps', taps }).catch(() => {
    // The extension was reloaded or updated under us: stop quietly, the call goes on. Any other
    // failure (a service worker that failed to wake, say) is passing: report again at the next change
    // or sweep, and keep coaching.
    if (!extensionAlive()) return retire();
    if (lastReported === key) lastReported = '';
  });
}

function startCall(): Call {
  const controller = new AbortController();
  const started: Call = {
    controller,
    coach: null,
    coachFrame: null,
    coachController: null,
    coachRestarts: 0,
    pumping: null,
    pumpController: null,
    frameSource: null,
  };
  const sweep = setInterval(() => {
    if (!extensionAlive()) return retire();
    local.sweep();
    remote.sweep();
    if (started.coachFrame && !started.coachFrame.connected()) restartCoach(started);
    reportTaps(); // sent only when something changed (e.g. the mic muted)
  }, 1000);
  controller.signal.addEventListener('abort', () => clearInterval(sweep), { once: true });
  startActivity(
    () => started.coachFrame?.audioPort ?? null,
    () => remote.live('video'),
    controller.signal,
  );
  return started;
}

function endCall(reason: string): void {
  if (!call) return;
  call.controller.abort(new Error(reason));
  call = null;
  local.clear();
  remote.clear();
  cameraLiveAt = null;
  cameraSwitches = 0;
  reportTaps();
}

/**
 * The extension was reloaded or updated under this page: this script is orphaned (its APIs are gone)
 * and the coach it opened can no longer report. Let go of everything, quietly: the pump, the coach
 * frame, the audio tap and our listeners. The page's call goes on untouched; the new version's
 * scripts coach it from the next page load, and the service worker closes the session it had.
 */
function retire(): void {
  if (retired) return;
  retired = true;
  endCall('extension reloaded or updated');
  pageLife.abort();
}

/** The page removed the coach: drop it and its pump, and open a fresh one (a few times at most). */
function restartCoach(active: Call): void {
  active.coachController?.abort();
  active.pumpController?.abort();
  active.coach = null;
  active.coachFrame = null;
  active.pumping = null;
  active.pumpController = null;
  active.frameSource = null;
  if (++active.coachRestarts <= MAX_COACH_RESTARTS) ensurePump(active);
}

function openCoach(active: Call, track: MediaStreamTrack): Promise<CoachFrame | null> {
  const coachController = new AbortController();
  active.coachController = coachController;
  // The gaze calibration is per camera: the coach gets a hash of the camera's label, never the label.
  const cameraKey = cameraKeyOf(track.label).catch(() => null);
  const signal = AbortSignal.any([active.controller.signal, coachController.signal]);
  return cameraKey
    .then((key) => openCoachFrame(signal, key))
    .then(
      (coach) => {
        coach.setHidden(sharing);
        if (!coachController.signal.aborted) active.coachFrame = coach;
        return coach;
      },
      () => null,
    );
}

/** Starts (or moves) the frame pump to the newest live camera track. */
function ensurePump(active: Call): void {
  const track = local.newest('video');
  if (track === active.pumping) return;
  active.pumpController?.abort();
  active.pumping = track;
  active.pumpController = null;
  active.frameSource = null;
  if (!track || !canPumpFrames() || active.coachRestarts > MAX_COACH_RESTARTS) return;
  const pumpController = new AbortController();
  active.pumpController = pumpController;
  const signal = AbortSignal.any([active.controller.signal, pumpController.signal]);
  active.coach ??= openCoach(active, track);
  // Inside a promise: with the extension gone, storage throws at once rather than rejecting.
  const stored = Promise.resolve()
    .then(() => browser.storage.local.get(TEST_BUILD ? [SETTINGS_KEY, TEST_FRAME_SOURCE_KEY] : [SETTINGS_KEY]))
    .catch(() => ({}) as Record<string, unknown>);
  void Promise.all([active.coach, stored])
    .then(([coach, values]) => {
      if (!coach || signal.aborted) return;
      const { analysisFps } = readSettings(values[SETTINGS_KEY]);
      // e2e test builds only: run the Firefox frame source in Chromium (frame-source.ts).
      const testSource = TEST_BUILD ? values[TEST_FRAME_SOURCE_KEY] : undefined;
      const preferProcessor = testSource !== 'video-element' && testSource !== 'video-element-timer';
      const videoFrameCallback = testSource !== 'video-element-timer';
      const onSource = (kind: FrameSourceKind) => {
        if (active.pumping !== track || signal.aborted) return;
        active.frameSource = kind;
        reportTaps();
      };
      return pumpFrames(track, coach.port, { ...DEFAULT_PUMP, fps: analysisFps }, signal, {
        preferProcessor,
        videoFrameCallback,
        onSource,
      });
    })
    .catch(() => {})
    .finally(() => {
      if (active.pumping === track && !pumpController.signal.aborted) {
        active.pumping = null;
        reportTaps();
      }
    });
}

function onTracksChanged(): void {
  audio.tracks(local.newest('audio'), remote.live('audio'));
  if (!call) return;
  if (local.count('video') + local.count('audio') === 0) {
    endCall('local tracks ended');
    return;
  }
  ensurePump(call);
  reportTaps();
}

function onLocalStream(stream: MediaStream, at: number): void {
  // Only the camera and microphone: a forged event may carry a canvas or WebAudio stream.
  const tracks = stream.getTracks().filter(isCaptureDeviceTrack);
  if (tracks.length === 0) return;
  call ??= startCall();
  const signal = call.controller.signal;
  const freshCamera = tracks.some((t) => t.kind === 'video' && t.readyState === 'live' && !local.has(t));
  // The call already had a camera: a device switch. Capped where the taps schema caps counts (1000),
  // so a page re-opening its camera endlessly cannot make our reports invalid.
  if (freshCamera && cameraLiveAt !== null) cameraSwitches = Math.min(cameraSwitches + 1, 1000);
  if (freshCamera) cameraLiveAt ??= at;
  for (const track of tracks) local.add(track, signal);
  onTracksChanged();
}

function onProbeMessage(message: ProbeMessage, stream: MediaStream | null): void {
  if (retired) return;
  if (!extensionAlive()) return retire();
  switch (message.type) {
    case 'local-stream':
      if (stream) onLocalStream(stream, message.at);
      break;
    case 'remote-track': {
      const track = stream?.getTracks()[0];
      // The client is heard on a connection that carries the therapist's camera or mic (or nothing
      // yet); a connection that sends only page-made media is the far end of a loopback, not the client.
      if (track && track.kind === message.kind && isRemoteTrack(track) && message.peer !== 'other') remote.add(track, pageLife.signal);
      break;
    }
    case 'connection':
      audio.connection(message);
      break;
    case 'display':
      sharing = message.sharing;
      void call?.coach?.then((coach) => coach?.setHidden(sharing));
      reportTaps();
      break;
  }
}

window.addEventListener(
  PAGE_EVENT,
  (event) => {
    try {
      const carrier = (event as MouseEvent).relatedTarget;
      if (!(carrier instanceof HTMLVideoElement)) return;
      const message = parseProbeMessage(carrier.dataset[PAGE_DATA_KEY]);
      if (!message) return;
      const source = carrier.srcObject;
      onProbeMessage(message, source instanceof MediaStream ? source : null);
    } catch {
      // A forged or odd event must never break the page or us.
    }
  },
  { capture: true, signal: pageLife.signal },
);
