// The setup check's live session: the only place Webside opens the camera (and mic) itself. Frames go
// to the coach's own face worker through the bridge's own pump, so the check runs exactly the
// estimators a call runs. Everything hangs off one AbortSignal (STYLE.md principle 6).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { canPumpFrames, DEFAULT_PUMP, pumpFrames } from '../../bridge/frame-pump';
import type { VisionSummary } from '../../coach/frame-analyser';
import type { FromWorker, ToWorker } from '../../coach/worker-protocol';
import {
  CALIBRATION_STEP_MS,
  CalibrationStepRecorder,
  calibrationRecord,
  setupAdvice,
  type CalibrationStep,
  type GazeCalibration,
  type SetupAdvice,
  type StepResult,
} from '../../core/gaze-calibration';
import { MEDIAPIPE_WASM_DIR, MODEL_PATH } from '../../shared/asset-paths';
import { cameraKeyOf, readCalibration, writeCalibration } from '../../shared/gaze-calibration-store';
import { blockLevel, MicLevel, type MicVerdict } from './mic-level';

export type SetupPhase = 'idle' | 'starting' | 'live' | 'blocked' | 'error';

export interface CalibrationView {
  /** the step running now, or null */
  running: CalibrationStep | null;
  /** ms left in the running step */
  remainingMs: number;
  camera: StepResult | null;
  tile: StepResult | null;
  advice: SetupAdvice | null;
  /** where the advice came from: a calibration made now, or one stored earlier for this camera */
  source: 'now' | 'stored' | null;
  /** a problem saving or reading the stored calibration */
  storeProblem: string | null;
}

export interface SetupState {
  phase: SetupPhase;
  /** why the camera could not be used, in words */
  message: string | null;
  stream: MediaStream | null;
  model: 'loading' | 'ready' | 'error';
  vision: VisionSummary | null;
  faceFound: boolean;
  /** frames analysed so far */
  frames: number;
  mic: MicVerdict | 'off';
  micDb: number;
  micLoudestDb: number;
  calibration: CalibrationView;
}

export function createSetupStore(): StoreApi<SetupState> {
  return createStore<SetupState>(() => ({
    phase: 'idle',
    message: null,
    stream: null,
    model: 'loading',
    vision: null,
    faceFound: false,
    frames: 0,
    mic: 'off',
    micDb: -Infinity,
    micLoudestDb: -Infinity,
    calibration: { running: null, remainingMs: 0, camera: null, tile: null, advice: null, source: null, storeProblem: null },
  }));
}

/** A getUserMedia failure in words the therapist can act on. */
export function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Webside was not allowed to use your camera. Click the camera icon in the address bar, choose "Allow", then reload this page. The picture stays on this computer.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Plug in or turn on your camera, then reload this page.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Your camera is busy: another app or tab is using it. Close that app or leave the call, then reload this page.';
    default:
      return `The camera could not be opened (${name || String(error)}). Reload this page to try again.`;
  }
}

export interface SetupSession {
  /** Runs one 5-s calibration step; resolves with its result. */
  calibrate(step: CalibrationStep): Promise<StepResult>;
}

export async function startSetup(store: StoreApi<SetupState>, signal: AbortSignal): Promise<SetupSession | null> {
  const set = (partial: Partial<SetupState>) => store.setState(partial);
  const setCalibration = (partial: Partial<CalibrationView>) => set({ calibration: { ...store.getState().calibration, ...partial } });
  set({ phase: 'starting', message: null });

  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } } });
  } catch (error) {
    set({ phase: 'blocked', message: cameraProblem(error) });
    return null;
  }
  const stopAll = () => stream.getTracks().forEach((t) => t.stop());
  if (signal.aborted) {
    stopAll();
    return null;
  }
  signal.addEventListener('abort', stopAll, { once: true });
  const track = stream.getVideoTracks()[0]!;
  if (!canPumpFrames()) {
    set({ phase: 'error', message: 'This browser cannot read camera frames. Update it (Chrome 116+, Firefox 128+).' });
    return null;
  }
  set({ phase: 'live', stream });

  // The coach's face worker, fed by the bridge's pump: the same code path as in a call.
  const worker = new Worker(new URL('../../coach/face-worker.ts', import.meta.url), { type: 'module', name: 'webside-setup-face' });
  signal.addEventListener('abort', () => worker.terminate(), { once: true });
  let recorder: CalibrationStepRecorder | null = null;
  worker.addEventListener(
    'message',
    (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === 'result') {
        recorder?.add(m.vision.gazeFeatures);
        set({ vision: m.vision, faceFound: m.faceFound, frames: store.getState().frames + 1 });
      } else if (m.type === 'ready') set({ model: 'ready' });
      else if (m.stage === 'load') set({ model: 'error', message: m.message });
    },
    { signal },
  );
  worker.addEventListener('error', () => set({ model: 'error', message: 'The face model stopped. Reload this page.' }), { signal });
  const origin = new URL('/', location.href);
  worker.postMessage({
    type: 'init',
    base: new URL(MEDIAPIPE_WASM_DIR, origin).href,
    modelPath: new URL(MODEL_PATH, origin).href,
  } satisfies ToWorker);
  const frames = new MessageChannel();
  worker.postMessage({ type: 'port' } satisfies ToWorker, [frames.port2]);
  void pumpFrames(track, frames.port1, DEFAULT_PUMP, signal).catch(() => {});

  // This camera's stored calibration, if any: the live gaze uses it, and its advice is shown.
  const cameraKey = await cameraKeyOf(track.label).catch(() => null);
  const useRecord = (record: GazeCalibration | null) => worker.postMessage({ type: 'calibration', record } satisfies ToWorker);
  if (cameraKey) {
    const stored = await readCalibration(cameraKey).catch(() => ({ record: null, problem: null }));
    if (stored.record) {
      useRecord(stored.record);
      setCalibration({ advice: setupAdvice(stored.record), source: 'stored' });
    }
    if (stored.problem) setCalibration({ storeProblem: stored.problem });
  }

  void startMic(store, signal);

  let cameraStep: (StepResult & { ok: true }) | null = null;
  return {
    async calibrate(step) {
      if (store.getState().calibration.running) throw new Error('A calibration step is already running.');
      recorder = new CalibrationStepRecorder(step);
      const startedAt = performance.now();
      setCalibration({ running: step, remainingMs: CALIBRATION_STEP_MS, [step]: null });
      await new Promise<void>((resolve) => {
        const tick = setInterval(() => {
          const left = Math.max(0, CALIBRATION_STEP_MS - (performance.now() - startedAt));
          setCalibration({ remainingMs: left });
          if (left <= 0 || signal.aborted) {
            clearInterval(tick);
            resolve();
          }
        }, 100);
      });
      const result = recorder.finish();
      recorder = null;
      setCalibration({ running: null, remainingMs: 0, [step]: result });
      if (step === 'camera') cameraStep = result.ok ? result : null;
      if (step === 'tile' && result.ok && cameraStep) {
        const record = calibrationRecord(cameraStep, result, Date.now());
        useRecord(record);
        setCalibration({ advice: setupAdvice(record), source: 'now', storeProblem: null });
        if (cameraKey)
          await writeCalibration(cameraKey, record).catch((e) => setCalibration({ storeProblem: `Could not save: ${String(e)}` }));
        else setCalibration({ storeProblem: 'This camera has no name, so the calibration is used now but not saved for your calls.' });
      }
      return result;
    },
  };
}

/** A simple RMS meter on the microphone (Web Audio AnalyserNode, every 100 ms). */
async function startMic(store: StoreApi<SetupState>, signal: AbortSignal): Promise<void> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, autoGainControl: false, noiseSuppression: false },
    });
  } catch {
    store.setState({ mic: 'off' });
    return;
  }
  const context = new AudioContext();
  signal.addEventListener(
    'abort',
    () => {
      stream.getTracks().forEach((t) => t.stop());
      void context.close();
    },
    { once: true },
  );
  // Without a user gesture on this page the context may start suspended: resume on the first click.
  if (context.state === 'suspended') document.addEventListener('pointerdown', () => void context.resume(), { once: true, signal });
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  context.createMediaStreamSource(stream).connect(analyser);
  const block = new Float32Array(analyser.fftSize);
  const level = new MicLevel();
  store.setState({ mic: 'waiting' });
  const timer = setInterval(() => {
    if (context.state !== 'running') return;
    analyser.getFloatTimeDomainData(block);
    const { rmsDb, peakDb } = blockLevel(block);
    const mic = level.add(performance.now(), rmsDb, peakDb);
    store.setState({ mic, micDb: rmsDb, micLoudestDb: level.loudestDb });
  }, 100);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
