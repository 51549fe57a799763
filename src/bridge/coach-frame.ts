// Creates the coach: a web-accessible extension page in an iframe (dynamic URL, extension origin,
// own process and CSP), hosted in a closed shadow root so the page's styles and scripts cannot reach
// in. The channel to it is a MessagePort, opened with a one-time secret from the service worker; the
// coach accepts frames only on that port. The hello carries three ports, in this order:
//   frames   camera frames (bridge -> coach), see frame-pump.ts
//   audio    conversation summaries from the bridge's audio worklet (bridge -> coach)
//   overlay  overlay placement and visibility (both ways: drag, size, sharing)
import browser from 'webextension-polyfill';
import { request } from '../shared/messaging';
import { startOverlayPlacement } from './overlay-placement';

const FRAME_WIDTH = 280; // px: room for the pill and its shadow
const FRAME_HEIGHT = 64; // px

export interface CoachFrame {
  port: MessagePort;
  audioPort: MessagePort;
  overlayPort: MessagePort;
  /** Hides the overlay (e.g. while the therapist shares a screen: the client must never see it). */
  setHidden(hidden: boolean): void;
  /** False once the page has removed our element (e.g. an app re-rendering <body>). */
  connected(): boolean;
  remove(): void;
}

/** `cameraKey`: the camera's gaze-calibration key (shared/gaze-calibration-store.ts), null when unknown. */
export async function openCoachFrame(signal: AbortSignal, cameraKey: string | null = null): Promise<CoachFrame> {
  const { secret } = await request({ type: 'coach/open' });
  signal.throwIfAborted();

  const host = document.createElement('webside-coach');
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  const src = browser.runtime.getURL('src/coach/coach.html');
  frame.src = src;
  frame.title = 'Webside coach (private: only you see this)';
  frame.setAttribute('allowtransparency', 'true');
  frame.style.cssText = [
    'position:fixed',
    'right:12px',
    'bottom:12px',
    `width:${FRAME_WIDTH}px`,
    `height:${FRAME_HEIGHT}px`,
    'border:0',
    'margin:0',
    'padding:0',
    'background:transparent',
    'color-scheme:normal',
    'z-index:2147483646',
    'display:block',
    'visibility:hidden', // shown once the coach is connected, unless a screen is being shared
  ].join(';');
  host.style.cssText = 'all:initial;position:static';
  shadow.append(frame);

  const loaded = new Promise<void>((resolve, reject) => {
    frame.addEventListener('load', () => resolve(), { once: true, signal });
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  (document.body ?? document.documentElement).append(host);
  const remove = () => host.remove();
  signal.addEventListener('abort', remove, { once: true });
  await loaded;

  const channel = new MessageChannel();
  const audio = new MessageChannel();
  const overlay = new MessageChannel();
  // With use_dynamic_url, getURL names a per-session GUID host, yet Chrome loads the frame at the
  // extension's real origin (measured, Chromium 156): target that, so the secret reaches only us.
  const url = new URL(src);
  const origin = url.protocol === 'chrome-extension:' ? `chrome-extension://${browser.runtime.id}` : url.origin;
  frame.contentWindow?.postMessage({ type: 'webside/hello', secret, cameraKey }, origin, [channel.port2, audio.port2, overlay.port2]);
  // `visibility` rather than `display`: a display:none iframe may be throttled, and the analysis goes on.
  // overlay-placement.ts owns the overlay port: it moves/resizes the frame when the coach asks.
  const placement = startOverlayPlacement(frame, overlay.port1, location.hostname, signal);
  const setHidden = (hidden: boolean) => {
    frame.style.setProperty('visibility', hidden ? 'hidden' : 'visible');
    placement.setHidden(hidden);
  };
  return { port: channel.port1, audioPort: audio.port1, overlayPort: overlay.port1, setHidden, connected: () => host.isConnected, remove };
}
