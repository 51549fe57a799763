// One coach session: the face worker fed by the bridge's port, metrics folded for the overlay, and a
// runtime Port that carries numbers (never pixels) to the service worker once a second.
import browser from 'webextension-polyfill';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MEDIAPIPE_WASM_DIR, MODEL_PATH } from '../shared/asset-paths';
import * as v from 'valibot';
import { COACH_PORT, CoachPortDownSchema, type CoachPortMessage } from '../shared/protocol';
import { quietly } from '../shared/extension-context';
import { linkCalibration } from './calibration-link';
import { CoachMetricsAccumulator } from './coach-metrics';
import { startCoachNudges } from './coach-nudges';
import { attachOverlayPort, type OverlayState } from './overlay';
import type { FromWorker, ToWorker } from './worker-protocol';

const REPORT_EVERY_MS = 1000;

export function createOverlayStore(): StoreApi<OverlayState> {
  return createStore<OverlayState>(() => ({ state: 'loading', presence: 'unknown', yaw: null, pitch: null, nudge: null, hidden: false }));
}

/**
 * The face worker, started as soon as the coach page runs (before the bridge's hello arrives and the
 * service worker confirms it), so wasm and model load meanwhile: a shorter cold start. What it says
 * before the session listens is kept and replayed.
 */
export interface WarmWorker {
  worker: Worker;
  /** hands what the worker said so far to `listener`, which hears everything after */
  attach(listener: (message: FromWorker) => void, signal: AbortSignal): void;
}

export function startFaceWorker(): WarmWorker {
  const worker = new Worker(new URL('./face-worker.ts', import.meta.url), { type: 'module', name: 'webside-face' });
  let early: FromWorker[] | null = [];
  const keep = (event: MessageEvent<FromWorker>) => early?.push(event.data);
  const crash = (event: ErrorEvent): FromWorker => ({
    type: 'error',
    stage: 'load',
    message: `Face worker crashed: ${event.message || 'unknown error'}`,
  });
  const crashed = (event: ErrorEvent) => early?.push(crash(event));
  worker.addEventListener('message', keep);
  worker.addEventListener('error', crashed);
  const origin = new URL('/', location.href);
  const init: ToWorker = { type: 'init', base: new URL(MEDIAPIPE_WASM_DIR, origin).href, modelPath: new URL(MODEL_PATH, origin).href };
  worker.postMessage(init);
  return {
    worker,
    attach(listener, signal) {
      worker.removeEventListener('message', keep);
      worker.removeEventListener('error', crashed);
      for (const message of early ?? []) listener(message);
      early = null;
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => listener(event.data), { signal });
      worker.addEventListener('error', (event) => listener(crash(event)), { signal });
    },
  };
}

/** The three ports of the bridge's hello (see bridge/coach-frame.ts). */
export interface CoachPorts {
  frames: MessagePort;
  audio: MessagePort;
  overlay: MessagePort;
}

export function startCoachSession(
  ports: CoachPorts,
  store: StoreApi<OverlayState>,
  signal: AbortSignal,
  cameraKey: string | null = null,
  marks: { helloAt: number; verifiedAt: number } | null = null,
  warm: WarmWorker = startFaceWorker(),
): void {
  const metrics = new CoachMetricsAccumulator();
  if (marks) Object.assign(metrics.startup, marks);
  const nudges = startCoachNudges(store, signal);
  attachOverlayPort(ports.overlay, store, signal);
  const worker = warm.worker;
  signal.addEventListener('abort', () => worker.terminate(), { once: true });

  const publish = () => {
    const snapshot = metrics.snapshot(performance.now());
    store.setState({ state: snapshot.state, presence: snapshot.presence, yaw: snapshot.yaw, pitch: snapshot.pitch });
    return snapshot;
  };

  warm.attach((message) => {
    if (message.type === 'result') {
      metrics.add(message, performance.now());
      publish();
    } else if (message.type === 'ready') {
      metrics.state = 'live';
      metrics.modelLoadMs = message.loadMs;
      metrics.startup.modelStartAt = message.startedAt;
      metrics.startup.readyAt = message.startedAt + message.loadMs;
      publish();
    } else {
      if (message.stage === 'load') metrics.state = 'error';
      metrics.lastError = message.message;
      publish();
    }
  }, signal);

  worker.postMessage({ type: 'port' } satisfies ToWorker, [ports.frames]);
  metrics.conversation.listen(ports.audio, () => performance.now(), signal);
  linkCalibration(worker, cameraKey, signal, (problem) => (metrics.lastError = problem));

  // The service worker may be stopped at any time (MV3); reconnect when the port drops.
  let port: browser.Runtime.Port | null = null;
  const connect = () => {
    if (signal.aborted) return;
    port = browser.runtime.connect({ name: COACH_PORT });
    port.onDisconnect.addListener(() => {
      port = null;
    });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = v.safeParse(CoachPortDownSchema, raw);
      if (parsed.success) nudges.setMute(parsed.output);
    });
  };
  const report = () => {
    const snapshot = publish();
    snapshot.nudges = nudges.tick(snapshot, metrics.conversation.takeActivity(performance.now()));
    try {
      if (!port) connect();
      port?.postMessage({ type: 'metrics', metrics: snapshot } satisfies CoachPortMessage);
    } catch {
      port = null; // the extension was reloaded: nothing to report to
    }
  };
  const timer = setInterval(report, REPORT_EVERY_MS);
  signal.addEventListener(
    'abort',
    () => {
      clearInterval(timer);
      quietly(() => port?.disconnect());
    },
    { once: true },
  );
}
