// "Check my setup": a live preview and a pass/fix list for lighting, framing, camera height, mic
// level and eye contact (the two-step gaze calibration with its advice). Opened from the popup, and
// on first install with #welcome, where it first explains the privacy promise and the permissions
// and opens the camera only when the therapist asks.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CalibrationStep, StepResult } from '../../core/gaze-calibration';
import { useStore } from '../../shared/use-store';
import { cameraHeightCheck, framingCheck, lightingCheck, micCheck, type Check } from './advice';
import { createSetupStore, startSetup, type SetupSession, type SetupState } from './setup-session';
import '../page.css';
import './setup.css';

const store = createSetupStore();
const life = new AbortController();
window.addEventListener('pagehide', () => life.abort(), { once: true });
let session: Promise<SetupSession | null> | null = null;
const begin = () => (session ??= startSetup(store, life.signal));

const all = (s: SetupState) => s;
const MARK = { pass: '✓', fix: '!', waiting: '…' } as const;

function CheckRow({ id, name, check, children }: { id: string; name: string; check: Check; children?: preact.ComponentChildren }) {
  return (
    <li data-check={id} data-status={check.status}>
      <span class={`mark ${check.status}`} aria-label={check.status}>
        {MARK[check.status]}
      </span>
      <div>
        <div class="name">{name}</div>
        <div class="text">{check.text}</div>
        {children}
      </div>
    </li>
  );
}

function Preview({ state }: { state: SetupState }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current && video.current.srcObject !== state.stream) video.current.srcObject = state.stream;
  }, [state.stream]);
  const badge =
    state.model === 'loading'
      ? 'Loading the face model…'
      : state.model === 'error'
        ? 'Face model failed'
        : state.faceFound
          ? 'Face found'
          : 'No face in view';
  return (
    <div class="preview">
      <video ref={video} autoPlay muted playsInline aria-label="Your camera (only you see this)" />
      <span class="badge" id="face-badge" data-frames={state.frames}>
        {badge}
      </span>
    </div>
  );
}

const GAZE_WORDS = {
  'at-camera': 'looking into the camera',
  'at-screen': 'looking at the screen',
  away: 'looking away',
  'eyes-closed': 'eyes closed',
  unknown: '',
} as const;

const stepText = (r: StepResult | null, done: string) => (!r ? null : r.ok ? done : r.reason);

function Calibration({ state }: { state: SetupState }) {
  const c = state.calibration;
  const run = (step: CalibrationStep) => void begin().then((s) => s?.calibrate(step));
  const busy = c.running !== null || state.model !== 'ready';
  const seconds = Math.ceil(c.remainingMs / 1000);
  const check: Check = c.advice
    ? { status: c.advice.good ? 'pass' : 'fix', text: c.advice.advice }
    : { status: 'waiting', text: 'Calibrate so Webside knows where your camera and your client’s video are (10 seconds).' };
  return (
    <CheckRow id="gaze" name="Eye contact" check={check}>
      {state.vision && state.vision.gaze !== 'unknown' && (
        <div class="muted" id="gaze-now">
          Now: {GAZE_WORDS[state.vision.gaze]}
          {state.vision.gazeCalibrated ? ' (calibrated)' : ' (not calibrated yet: rough)'}
        </div>
      )}
      {c.source === 'stored' && <div class="muted">From your last calibration with this camera. Run it again if you moved things.</div>}
      <div class="steps">
        <button type="button" id="calibrate-camera" class="primary" disabled={busy} onClick={() => run('camera')}>
          {c.running === 'camera' ? `Look into your camera… ${seconds}` : '1. Look into your camera (5 s)'}
        </button>
        <button type="button" id="calibrate-tile" disabled={busy || !c.camera?.ok} onClick={() => run('tile')}>
          {c.running === 'tile' ? `Look at your client’s video… ${seconds}` : '2. Look at your client’s video (5 s)'}
        </button>
      </div>
      <div class="muted">For step 2, put your call window where you have it in sessions and look at where your client appears.</div>
      {c.camera && (
        <div id="step-camera" data-ok={String(c.camera.ok)} class={c.camera.ok ? 'good' : 'warn'}>
          {stepText(c.camera, 'Step 1 done: your camera’s direction is set.')}
        </div>
      )}
      {c.tile && (
        <div id="step-tile" data-ok={String(c.tile.ok)} class={c.tile.ok ? 'good' : 'warn'}>
          {stepText(c.tile, 'Step 2 done: your client’s video is placed.')}
        </div>
      )}
      {c.storeProblem && <div class="warn">{c.storeProblem}</div>}
    </CheckRow>
  );
}

function Welcome({ onStart }: { onStart: () => void }) {
  return (
    <section class="card welcome" id="welcome">
      <h2 style={{ marginTop: 0 }}>Welcome to Webside</h2>
      <p>
        <strong>Private by design.</strong> Webside coaches your on-camera manner during video sessions entirely on this computer. No video,
        audio or numbers ever leave it, nothing is recorded, and your client never sees the coach.
      </p>
      <p>What it asks for, and why:</p>
      <ul>
        <li>
          <strong>Camera and microphone</strong>, only on this page, when you start the check. During a session Webside reads the picture
          your call app already shows; it never opens the camera itself there.
        </li>
        <li>
          <strong>Access to your call sites</strong> (Google Meet, Doxy.me, Zoom and those you add) so the coach can appear in the call.
        </li>
        <li>
          <strong>Storage</strong>, on this device, for your settings and this camera’s calibration.
        </li>
      </ul>
      <button type="button" class="primary" id="start-check" onClick={onStart}>
        Check my setup
      </button>
    </section>
  );
}

function Setup() {
  const state = useStore(store, all);
  const [welcome] = useState(() => location.hash === '#welcome');
  useEffect(() => {
    if (!welcome) void begin();
  }, [welcome]);
  const v = state.vision;
  const checks = [lightingCheck(v), framingCheck(v), cameraHeightCheck(v), micCheck(state.mic, state.micLoudestDb)];
  const gazeOk = state.calibration.advice?.good === true;
  const passed = checks.filter((c) => c.status === 'pass').length + (gazeOk ? 1 : 0);
  // The meter holds the loudest level of the last few seconds (what the verdict judges), -60..0 dBFS.
  const level = Number.isFinite(state.micLoudestDb) ? Math.max(0, Math.min(100, ((state.micLoudestDb + 60) / 60) * 100)) : 0;
  return (
    <div class="setup">
      <h1>Check my setup</h1>
      <p class="muted">Everything runs on this computer. Nothing is recorded or sent anywhere.</p>
      {state.phase === 'idle' && welcome && <Welcome onStart={() => void begin()} />}
      {state.phase === 'blocked' || state.phase === 'error' ? (
        <div class="card alert" role="alert" id="camera-message">
          <strong>Camera not available.</strong> {state.message}
        </div>
      ) : (
        state.phase !== 'idle' && (
          <div class="setup-grid">
            <div>
              <Preview state={state} />
              <p class="muted" id="summary">
                {passed} of 5 ready.{' '}
                {passed === 5 ? 'You are set for your session.' : 'Fix the items marked ! and they turn to ✓ as you go.'}
              </p>
            </div>
            <div class="card">
              <ul class="checks">
                <CheckRow id="lighting" name="Lighting" check={checks[0]!} />
                <CheckRow id="framing" name="Framing" check={checks[1]!} />
                <CheckRow id="camera-height" name="Camera height" check={checks[2]!} />
                <CheckRow id="mic" name="Microphone" check={checks[3]!}>
                  <div class="meter" aria-hidden="true">
                    <div style={{ width: `${level}%` }} />
                  </div>
                </CheckRow>
                <Calibration state={state} />
              </ul>
            </div>
          </div>
        )
      )}
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Setup />, root);
