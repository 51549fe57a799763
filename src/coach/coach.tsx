// Coach page entry (web-accessible, dynamic URL). It trusts nothing from its parent page: the first
// hello must carry a secret the service worker confirms, and only that hello's port is used.
import { render } from 'preact';
import { request } from '../shared/messaging';
import { createOverlayStore, startCoachSession } from './coach-session';
import { Overlay } from './overlay';

const store = createOverlayStore();
const root = document.getElementById('overlay');
if (root) render(<Overlay store={store} />, root);

const life = new AbortController();
let accepted = false;

window.addEventListener(
  'message',
  (event: MessageEvent<unknown>) => {
    if (accepted || event.source !== window.parent) return;
    const data = event.data as { type?: unknown; secret?: unknown } | null;
    const [frames, audio, overlay] = event.ports;
    if (!data || data.type !== 'webside/hello' || typeof data.secret !== 'string' || data.secret.length !== 36) return;
    if (!frames || !audio || !overlay || event.ports.length !== 3) return;
    const closeAll = () => event.ports.forEach((p) => p.close());
    void request({ type: 'coach/verify', secret: data.secret })
      .then(({ ok }) => {
        if (!ok || accepted) return closeAll();
        accepted = true;
        startCoachSession({ frames, audio, overlay }, store, life.signal);
      })
      .catch(closeAll);
  },
  { signal: life.signal },
);

window.addEventListener('pagehide', () => life.abort(), { once: true });
