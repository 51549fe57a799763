// @ts-check
// The demo call page: a loopback video call between the therapist (this browser's camera and mic) and a
// "client" made up inside the page (a recorded or synthetic voice and an animated avatar), carried over
// two real RTCPeerConnections. It imports nothing of ours: it stands in for a third-party telehealth site.

// The lint config declares no browser globals for plain .js files, so name the ones used here.
/* global window, document, navigator, location, performance, fetch, addEventListener, setInterval, clearInterval,
   URLSearchParams, HTMLElement, HTMLButtonElement, HTMLVideoElement, HTMLAudioElement,
   RTCPeerConnection, MediaStream, AudioContext */

/** @typedef {'idle' | 'starting' | 'in-call' | 'error' | 'ended'} CallState */
/**
 * What tests read from `window.__demo`.
 * @typedef {object} Demo
 * @property {CallState} state
 * @property {{ name: string, message: string } | null} error
 * @property {MediaStream | null} localStream the therapist's camera + mic
 * @property {RTCPeerConnection[]} pcs [therapist pcA, client pcB]; empty with ?nocall=1
 * @property {number} remoteTracks tracks the therapist has received from the client
 * @property {'recording' | 'synthetic' | 'scripted' | null} clientVoice
 * @property {{ startedAt: number, segments: Array<[number, number]>, loopS: number } | null} script
 *   with ?say=: the client's scripted speech, segments [start, end] in s from `startedAt` (epoch ms)
 * @property {{ local: HTMLVideoElement, remote: HTMLVideoElement }} videos
 */

const params = new URLSearchParams(location.search);
const noCall = params.get('nocall') === '1'; // camera preview only, no peer connections
const script = parseScript(params.get('say'), params.get('loop'));
const rawMic = params.get('raw') === '1';

/**
 * `say=AT:DUR,AT:DUR...` (s) and `loop=S`: the client speaks (a synthetic voice with no pauses) exactly
 * then, from the moment its audio starts, repeating every S s. The known times are the truth for tests.
 * @param {string | null} say
 * @param {string | null} loop
 * @returns {{ segments: Array<[number, number]>, loopS: number } | null}
 */
function parseScript(say, loop) {
  if (!say) return null;
  /** @type {Array<[number, number]>} */
  const segments = say.split(',').map((part) => {
    const [at, dur] = part.split(':').map(Number);
    if (!(at !== undefined && at >= 0 && dur !== undefined && dur > 0)) throw new Error(`say: expected AT:DUR in s, got "${part}"`);
    return [at, at + dur];
  });
  const end = Math.max(...segments.map(([, e]) => e));
  const loopS = loop === null ? Infinity : Number(loop);
  if (!(loopS >= end)) throw new Error(`loop must be at least the end of the last segment (${end} s), got "${loop}"`);
  return { segments, loopS };
}

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T }} type
 * @returns {T}
 */
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing from the page`);
  return el;
}

const statusLine = byId('status', HTMLElement);
const startButton = byId('start', HTMLButtonElement);
const muteButton = byId('mute', HTMLButtonElement);
const cameraButton = byId('camera', HTMLButtonElement);
const shareButton = byId('share', HTMLButtonElement);
const hangupButton = byId('hangup', HTMLButtonElement);
const localVideo = byId('local-video', HTMLVideoElement);
const remoteVideo = byId('remote-video', HTMLVideoElement);
const remoteAudio = byId('remote-audio', HTMLAudioElement);

/** @type {Demo} */
const demo = {
  state: 'idle',
  error: null,
  localStream: null,
  pcs: [],
  remoteTracks: 0,
  clientVoice: null,
  script: null,
  videos: { local: localVideo, remote: remoteVideo },
};
/** @type {Window & { __demo?: Demo }} */ (window).__demo = demo;

/** @type {Array<() => void>} undo-steps for the current call, run in order by release() */
const cleanups = [];
/** Bumped by every start and hang-up, so a start that is still awaiting can tell it was cancelled. */
let generation = 0;
/** @type {RTCRtpSender | null} the therapist's video sender: screen sharing swaps its track */
let videoSender = null;
/** @type {MediaStreamTrack | null} */
let screenTrack = null;

// ---------------------------------------------------------------------------------------------- UI state

/**
 * @param {CallState} state
 * @param {string} text for the status line (read out by screen readers)
 */
function setState(state, text) {
  demo.state = state;
  document.body.dataset.state = state;
  statusLine.textContent = text;
  const live = state === 'in-call';
  const preview = noCall && state === 'idle' && demo.localStream !== null;
  startButton.disabled = state === 'starting' || live || preview;
  muteButton.disabled = cameraButton.disabled = !(live || preview);
  shareButton.disabled = !live;
  hangupButton.disabled = !(state === 'starting' || live || preview);
}

/**
 * @param {HTMLButtonElement} button
 * @param {boolean} on
 * @param {string} label
 */
function setToggle(button, on, label) {
  button.classList.toggle('toggled', on);
  const text = button.querySelector('span');
  if (text) text.textContent = label;
}

function resetToggles() {
  setToggle(muteButton, false, 'Mute mic');
  setToggle(cameraButton, false, 'Camera off');
  setToggle(shareButton, false, 'Share screen');
  localVideo.closest('.tile')?.classList.remove('off', 'screen');
}

/**
 * Shows a stream in a tile; the tile's placeholder hides once the first frame has arrived.
 * @param {HTMLVideoElement} video
 * @param {MediaStream | null} stream
 */
function showVideo(video, stream) {
  const tile = video.closest('.tile');
  video.srcObject = stream;
  if (!stream) return tile?.classList.remove('live');
  video.addEventListener('loadeddata', () => tile?.classList.add('live'), { once: true });
  video.play().catch(() => {}); // muted videos may always autoplay; a failure here only delays the picture
}

/** Plays remote audio; if the browser wants a user gesture first, waits for any click or key. */
function playClientAudio() {
  remoteAudio.play().catch(() => {
    statusLine.textContent = 'In call with Client. Click anywhere to hear them.';
    const retry = () => void remoteAudio.play().catch(() => {});
    document.addEventListener('pointerdown', retry, { once: true });
    document.addEventListener('keydown', retry, { once: true });
  });
}

/** @param {unknown} err */
function fail(err) {
  // Keep a DOMException's own name and message exactly (e.g. NotAllowedError, "Permission denied").
  const e = /** @type {{ name?: unknown, message?: unknown }} */ (err ?? {});
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(err);
  demo.error = { name, message };
  setState('error', `Could not start the call. ${name}: ${message}`);
}

// ------------------------------------------------------------------------------------------- the call

async function start() {
  if (startButton.disabled) return;
  const run = ++generation;
  release();
  Object.assign(demo, { error: null, pcs: [], remoteTracks: 0, clientVoice: null });
  resetToggles();
  setState('starting', 'Starting your camera and microphone…');

  /** @type {MediaStream} */
  let local;
  try {
    // raw=1: the mic without Chromium's echo canceller, noise suppressor and gain control, so a test can
    // compare against its capture file (in loopback, echo cancellation mutes up to ~0.8 s of double talk).
    const audio = rawMic ? { echoCancellation: false, noiseSuppression: false, autoGainControl: false } : true;
    local = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio });
  } catch (err) {
    if (run === generation) fail(err);
    return;
  }
  if (run !== generation) return stopTracks(local); // hung up while the permission prompt was open
  demo.localStream = local;
  cleanups.push(() => stopTracks(local));
  showVideo(localVideo, local);
  if (noCall) return setState('idle', 'Camera preview only (nocall=1): no call is placed.');

  setState('starting', 'Connecting to Client…');
  try {
    await connect(local, run);
  } catch (err) {
    if (run !== generation) return;
    release();
    fail(err);
  }
}

/**
 * Wires the therapist's pc (pcA) to the client's pc (pcB) inside this page and negotiates.
 * @param {MediaStream} local
 * @param {number} run
 */
async function connect(local, run) {
  const pcA = new RTCPeerConnection();
  const pcB = new RTCPeerConnection();
  demo.pcs = [pcA, pcB];
  cleanups.push(() => {
    pcA.close();
    pcB.close();
  });
  // Loopback signalling: each side's ICE candidates go straight to the other side.
  pcA.onicecandidate = ({ candidate }) => {
    if (candidate) pcB.addIceCandidate(candidate).catch(() => {}); // fails only once hung up
  };
  pcB.onicecandidate = ({ candidate }) => {
    if (candidate) pcA.addIceCandidate(candidate).catch(() => {});
  };

  pcA.ontrack = ({ track }) => {
    demo.remoteTracks += 1;
    // One track per element: the video stays muted and the <audio> element plays the voice.
    if (track.kind === 'video') showVideo(remoteVideo, new MediaStream([track]));
    else {
      remoteAudio.srcObject = new MediaStream([track]);
      playClientAudio();
    }
  };
  pcA.onconnectionstatechange = () => {
    if (run !== generation) return;
    const s = pcA.connectionState;
    if (s === 'connected') {
      const voice = demo.clientVoice === 'synthetic' ? ' (synthetic voice: no shared media found)' : '';
      setState('in-call', `In call with Client${voice}`);
    } else if (s === 'disconnected') statusLine.textContent = 'Connection unstable, reconnecting…';
    else if (s === 'failed') {
      release();
      fail({ name: 'ConnectionFailed', message: 'The peer connection failed.' });
    }
  };

  for (const track of local.getTracks()) pcA.addTrack(track, local);
  videoSender = pcA.getSenders().find((s) => s.track?.kind === 'video') ?? null;

  const client = await clientMedia();
  if (run !== generation) return release();

  const offer = await pcA.createOffer();
  await pcA.setLocalDescription(offer);
  await pcB.setRemoteDescription(offer);
  // The client answers on the same audio and video m-lines, so both directions flow without renegotiation.
  for (const track of client.getTracks()) pcB.addTrack(track, client);
  const answer = await pcB.createAnswer();
  await pcB.setLocalDescription(answer);
  await pcA.setRemoteDescription(answer);
}

/**
 * Ends the call: stops every track (camera, mic, screen, the client's), closes both pcs and audio.
 * Safe to call at any time, any number of times.
 */
function release() {
  for (const undo of cleanups.splice(0)) {
    try {
      undo();
    } catch {
      // already closed or stopped
    }
  }
  if (screenTrack) screenTrack.stop();
  screenTrack = null;
  videoSender = null;
  showVideo(localVideo, null);
  showVideo(remoteVideo, null);
  remoteAudio.srcObject = null;
}

function hangUp() {
  generation += 1;
  release();
  resetToggles();
  setState('ended', 'Call ended. Start again whenever you like.');
}

/** @param {MediaStream} stream */
function stopTracks(stream) {
  for (const track of stream.getTracks()) track.stop();
}

// --------------------------------------------------------------------------------------- the client

/**
 * The client's side of the call: a looping real recording (or synthetic babble) and an avatar video.
 * @returns {Promise<MediaStream>}
 */
async function clientMedia() {
  const audio = new AudioContext();
  cleanups.push(() => void audio.close());
  // Without a user gesture (autostart) the context may start suspended; resume on the first click.
  if (audio.state === 'suspended') {
    audio.resume().catch(() => {});
    document.addEventListener('pointerdown', () => void audio.resume(), { once: true });
  }
  const out = audio.createMediaStreamDestination();
  const voice = audio.createGain();
  const level = audio.createAnalyser(); // drives the avatar's "speaking" ring
  level.fftSize = 1024;
  voice.connect(out);
  voice.connect(level);

  const recording = script ? null : await loadRecording(audio);
  if (script) {
    cleanups.push(babble(audio, voice, script));
    demo.clientVoice = 'scripted';
  } else if (recording) {
    const source = audio.createBufferSource();
    source.buffer = recording;
    source.loop = true;
    source.connect(voice);
    const { firstSound, peak } = survey(recording);
    voice.gain.value = Math.min(4, 0.7 / Math.max(peak, 1e-3)); // recordings are often quiet: peak at ~-3 dBFS
    source.start(0, firstSound); // talk from the first second of the call; later loops keep the silence
    demo.clientVoice = 'recording';
  } else {
    cleanups.push(babble(audio, voice));
    demo.clientVoice = 'synthetic';
  }

  const canvas = document.createElement('canvas');
  canvas.width = 640; // px, the same 4:3 shape as the therapist's camera
  canvas.height = 480;
  cleanups.push(drawAvatar(canvas, level));
  const video = canvas.captureStream(15); // frames/s: plenty for a calm avatar
  const stream = new MediaStream([...out.stream.getAudioTracks(), ...video.getVideoTracks()]);
  cleanups.push(() => stopTracks(stream));
  return stream;
}

/**
 * The client's voice: a real recording served by the demo server, or null if it has none (404).
 * @param {AudioContext} audio
 * @returns {Promise<AudioBuffer | null>}
 */
async function loadRecording(audio) {
  try {
    const response = await fetch('/client-voice.wav');
    if (!response.ok) return null;
    return await audio.decodeAudioData(await response.arrayBuffer());
  } catch {
    return null;
  }
}

/**
 * Where a recording first gets loud (s), and its peak sample (0..1), from its first channel.
 * @param {AudioBuffer} buffer
 */
function survey(buffer) {
  const samples = buffer.getChannelData(0);
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  const step = Math.round(buffer.sampleRate * 0.05); // samples: 50 ms windows
  for (let i = 0; i + step <= samples.length; i += step) {
    let power = 0;
    for (let j = i; j < i + step; j++) power += (samples[j] ?? 0) ** 2;
    // -40 dBFS RMS: quieter than any talker, louder than room hiss.
    if (Math.sqrt(power / step) > 0.01) return { firstSound: Math.max(0, i / buffer.sampleRate - 0.2), peak };
  }
  return { firstSound: 0, peak };
}

/** Formants F1, F2 in Hz of a few vowels (a, e, i, o, u, æ): enough to sound like talk, not a tone. */
const VOWELS = [
  [730, 1090],
  [530, 1840],
  [270, 2290],
  [570, 840],
  [300, 870],
  [660, 1720],
];

/**
 * Speech-like babble: a buzzy voice source through two formant filters, shaped into syllables at about
 * 4 per second, grouped into phrases of 3-9 syllables with 0.4-1.4 s pauses between them.
 * With a script, syllables follow each other without pauses exactly inside the scripted segments.
 * @param {AudioContext} audio
 * @param {AudioNode} out
 * @param {{ segments: Array<[number, number]>, loopS: number } | null} [scripted]
 * @returns {() => void} stops it
 */
function babble(audio, out, scripted = null) {
  const buzz = audio.createOscillator();
  buzz.type = 'sawtooth';
  const f1 = audio.createBiquadFilter();
  const f2 = audio.createBiquadFilter();
  f1.type = f2.type = 'bandpass';
  f1.Q.value = 5;
  f2.Q.value = 8;
  const envelope = audio.createGain();
  envelope.gain.value = 0;
  buzz.connect(f1).connect(envelope);
  buzz.connect(f2).connect(envelope);
  envelope.connect(out);
  buzz.start();

  const rand = (/** @type {number} */ lo, /** @type {number} */ hi) => lo + Math.random() * (hi - lo);
  let t = audio.currentTime + 0.2; // s, audio-clock time of the next syllable or pause
  const t0 = t;
  if (scripted) demo.script = { startedAt: Date.now() + 200, ...scripted };
  let syllablesLeft = 0;
  /** The scripted segment end (audio-clock s) if `t` falls in one, else the next start. */
  const inScript = (/** @type {number} */ at) => {
    if (!scripted) return null;
    const loops = Number.isFinite(scripted.loopS) ? Math.floor((at - t0) / scripted.loopS) : 0;
    const base = t0 + loops * (Number.isFinite(scripted.loopS) ? scripted.loopS : 0);
    for (const [start, end] of scripted.segments) {
      if (at < base + start - 1e-6) return { speak: false, until: base + start };
      if (at < base + end - 1e-6) return { speak: true, until: base + end };
    }
    return { speak: false, until: base + scripted.loopS };
  };
  const schedule = () => {
    // Stay 2 s ahead: timers in background tabs may only fire once a second.
    while (t < audio.currentTime + 2) {
      const slot = inScript(t);
      if (slot && !slot.speak) {
        t = slot.until;
        continue;
      }
      if (slot && slot.until - t < 0.1) {
        t = slot.until; // too short for a syllable: the segment ends a touch early
        continue;
      }
      if (slot) syllablesLeft = 1; // no phrase pauses inside a scripted segment
      if (syllablesLeft === 0) {
        syllablesLeft = Math.round(rand(3, 9));
        t += rand(0.4, 1.4);
        continue;
      }
      const length = slot ? Math.min(rand(0.18, 0.3), slot.until - t) : rand(0.18, 0.3); // s, one syllable
      const [a = 500, b = 1500] = VOWELS[Math.floor(Math.random() * VOWELS.length)] ?? [];
      f1.frequency.setValueAtTime(a, t);
      f2.frequency.setValueAtTime(b, t);
      buzz.frequency.setValueAtTime(rand(125, 165), t); // Hz, a falling pitch within each syllable
      buzz.frequency.linearRampToValueAtTime(rand(105, 130), t + length);
      envelope.gain.setValueAtTime(0, t);
      envelope.gain.linearRampToValueAtTime(0.6, t + 0.04);
      envelope.gain.setValueAtTime(0.6, t + length - 0.07);
      envelope.gain.linearRampToValueAtTime(0, t + length - 0.01);
      t += length;
      syllablesLeft -= 1;
    }
  };
  schedule();
  const timer = setInterval(schedule, 250);
  return () => {
    clearInterval(timer);
    buzz.stop();
  };
}

/**
 * Draws a calm, abstract "Client" (head and shoulders, gently breathing) whose ring glows while the
 * client's voice is loud, so you can see who is talking.
 * @param {HTMLCanvasElement} canvas
 * @param {AnalyserNode} level
 * @returns {() => void} stops drawing
 */
function drawAvatar(canvas, level) {
  const g = canvas.getContext('2d');
  if (!g) throw new Error('A 2D canvas is not available');
  const samples = new Float32Array(level.fftSize);
  const { width: w, height: h } = canvas;
  const t0 = performance.now();
  let speaking = 0; // 0..1, smoothed voice level

  const draw = () => {
    const t = (performance.now() - t0) / 1000; // s
    level.getFloatTimeDomainData(samples);
    let power = 0;
    for (const s of samples) power += s * s;
    const rms = Math.sqrt(power / samples.length);
    speaking += (Math.min(1, rms * 10) - speaking) * 0.35;

    const bg = g.createLinearGradient(0, 0, w, h);
    bg.addColorStop(0, '#1c2b3a');
    bg.addColorStop(1, '#2b3f52');
    g.fillStyle = bg;
    g.fillRect(0, 0, w, h);
    // A soft light drifting across the room on a 20 s loop, so the picture is never still.
    const lx = w * (0.5 + 0.3 * Math.sin((t * 2 * Math.PI) / 20));
    const light = g.createRadialGradient(lx, h * 0.2, 0, lx, h * 0.2, w * 0.7);
    light.addColorStop(0, 'rgba(94, 234, 212, 0.14)');
    light.addColorStop(1, 'rgba(94, 234, 212, 0)');
    g.fillStyle = light;
    g.fillRect(0, 0, w, h);

    const breath = Math.sin(t * 2 * Math.PI * 0.22) * 3; // px, about 13 breaths a minute
    const sway = Math.sin(t * 0.6) * 5; // px
    const cx = w / 2 + sway;
    const headY = h * 0.47 + breath * 0.6; // px; a webcam frames the face near the middle
    // Speaking ring (behind the body), then shoulders, neck and head.
    g.beginPath();
    g.arc(cx, headY, 84 + speaking * 10, 0, 2 * Math.PI);
    g.strokeStyle = `rgba(94, 234, 212, ${0.12 + speaking * 0.7})`;
    g.lineWidth = 5;
    g.stroke();
    g.fillStyle = '#7f95ab';
    g.beginPath();
    g.ellipse(w / 2 + sway * 0.4, h + 50 + breath, 215, 185, 0, Math.PI, 2 * Math.PI);
    g.fill();
    g.beginPath();
    g.roundRect(cx - 30, headY + 40, 60, 90, 24);
    g.fill();
    g.fillStyle = '#c9d5e1';
    g.beginPath();
    g.arc(cx, headY, 68, 0, 2 * Math.PI);
    g.fill();
  };
  draw();
  const timer = setInterval(draw, 1000 / 15); // ms, matches captureStream(15)
  return () => clearInterval(timer);
}

// ------------------------------------------------------------------------------------ the controls

function toggleMute() {
  const tracks = demo.localStream?.getAudioTracks() ?? [];
  const muted = tracks.some((t) => t.enabled);
  for (const track of tracks) track.enabled = !muted;
  setToggle(muteButton, muted, muted ? 'Unmute mic' : 'Mute mic');
}

function toggleCamera() {
  const tracks = demo.localStream?.getVideoTracks() ?? [];
  const off = tracks.some((t) => t.enabled);
  for (const track of tracks) track.enabled = !off;
  setToggle(cameraButton, off, off ? 'Camera on' : 'Camera off');
  localVideo.closest('.tile')?.classList.toggle('off', off && !screenTrack);
}

async function toggleShare() {
  if (screenTrack) return stopSharing();
  /** @type {MediaStream} */
  let display;
  try {
    display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  } catch (err) {
    statusLine.textContent = `Screen not shared (${err instanceof Error ? err.name : 'cancelled'}).`;
    return;
  }
  const track = display.getVideoTracks()[0];
  if (!track || demo.state !== 'in-call') return stopTracks(display);
  screenTrack = track;
  await videoSender?.replaceTrack(track); // same m-line: no renegotiation needed
  // The browser's own "Stop sharing" bar ends the track.
  track.addEventListener('ended', stopSharing, { once: true });
  const tile = localVideo.closest('.tile');
  tile?.classList.add('screen');
  tile?.classList.remove('off');
  showVideo(localVideo, display);
  setToggle(shareButton, true, 'Stop sharing');
  statusLine.textContent = 'You are sharing your screen.';
}

function stopSharing() {
  const track = screenTrack;
  if (!track) return;
  screenTrack = null;
  track.stop();
  const camera = demo.localStream?.getVideoTracks()[0] ?? null;
  videoSender?.replaceTrack(camera).catch(() => {});
  localVideo.closest('.tile')?.classList.remove('screen');
  localVideo.closest('.tile')?.classList.toggle('off', camera ? !camera.enabled : false);
  showVideo(localVideo, demo.localStream);
  setToggle(shareButton, false, 'Share screen');
  if (demo.state === 'in-call') statusLine.textContent = 'In call with Client';
}

startButton.addEventListener('click', () => void start());
muteButton.addEventListener('click', toggleMute);
cameraButton.addEventListener('click', toggleCamera);
shareButton.addEventListener('click', () => void toggleShare());
hangupButton.addEventListener('click', hangUp);
// Leaving the page turns the camera light off straight away.
addEventListener('pagehide', release);

if (params.get('autostart') === '1') void start();

export {}; // a module: keeps these names out of the global scope (for tsc, too)
