// Coach page entry (web-accessible, dynamic URL). It trusts nothing from its parent page: the first
// hello must carry a secret the service worker confirms, and only that hello's port is used.
import { render } from 'preact';
import * as v from 'valibot';
import { CameraKeySchema } from '../shared/gaze-calibration-store';
import { request } from '../shared/messaging';
import { createOverlayStore, startCoachSession, startFaceWorker } from './coach-session';
import { Overlay } from './overlay';

const store = createOverlayStore();
const root = document.getElementById('overlay');
if (root) render(<Overlay store={store} />, root);

const life = new AbortController();
let accepted = false;

// The model starts loading now, while the hello is on its way (cold start); a coach page that gets
// no confirmed hello soon lets it go.
const HELLO_WAIT_MS = 30_000;
let warm: ReturnType<typeof startFaceWorker> | null = startFaceWorker();
const unclaimed = setTimeout(() => {
  if (accepted) return;
  warm?.worker.terminate();
  warm = null;
}, HELLO_WAIT_MS);
life.signal.addEventListener('abort', () => warm?.worker.terminate(), { once: true });

window.addEventListener(
  'message',
  (event: MessageEvent<unknown>) => {
    if (accepted || event.source !== window.parent) return;
    const data = event.data as { type?: unknown; secret?: unknown; cameraKey?: unknown } | null;
    const [frames, audio, overlay] = event.ports;
    if (!data || data.type !== 'webside/hello' || typeof data.secret !== 'string' || data.secret.length !== 36) return;
    if (!frames || !audio || !overlay || event.ports.length !== 3) return;
    // The camera's key (16 hex digits of a hash of its label) or null; anything else is not our bridge.
    const cameraKey = v.safeParse(v.nullable(CameraKeySchema), data.cameraKey ?? null);
    if (!cameraKey.success) return;
    const closeAll = () => event.ports.forEach((p) => p.close());
    const helloAt = performance.timeOrigin + performance.now();
    void request({ type: 'coach/verify', secret: data.secret })
      .then(({ ok }) => {
        if (!ok || accepted) return closeAll();
        accepted = true;
        clearTimeout(unclaimed);
        startCoachSession(
          { frames, audio, overlay },
          store,
          life.signal,
          cameraKey.output,
          { helloAt, verifiedAt: performance.timeOrigin + performance.now() },
          warm ?? startFaceWorker(),
        );
      })
      .catch(closeAll);
  },
  { signal: life.signal },
);

window.addEventListener('pagehide', () => life.abort(), { once: true });
