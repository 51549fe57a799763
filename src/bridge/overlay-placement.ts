// Places the coach iframe on the page: the coach asks (drag, arrow keys, size) over the overlay port,
// this moves and resizes the iframe, keeps it inside the viewport and remembers where it was put, per
// site. Default: the bottom-right corner, 96 px up, which clears the control bars video apps put along
// the bottom edge (Meet, Zoom web, Jitsi and Whereby bars are 56-80 px tall) without covering the
// centre of the call.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import {
  OVERLAY_MAX,
  OVERLAY_POSITIONS_KEY,
  OverlayUpSchema,
  readOverlayPositions,
  withOverlayPosition,
  type OverlayDown,
  type OverlayPosition,
} from '../shared/overlay-channel';

export const DEFAULT_PLACEMENT = { right: 16, bottom: 96 } as const;
/** the overlay keeps at least this much of a margin to the viewport's edges, px */
const EDGE = 4;

export interface Box {
  width: number;
  height: number;
}
type Offsets = Pick<OverlayPosition, 'right' | 'bottom'>;

/** Keeps a box of `size` at `pos` (offsets from the bottom-right corner) inside the viewport. */
export function clampPlacement(pos: Offsets, size: Box, viewport: Box): Offsets {
  const clamp = (x: number, max: number) => Math.round(Math.min(Math.max(x, EDGE), Math.max(EDGE, max)));
  return { right: clamp(pos.right, viewport.width - size.width - EDGE), bottom: clamp(pos.bottom, viewport.height - size.height - EDGE) };
}

export interface OverlayPlacement {
  /** tells the coach whether it can be seen */
  setHidden(hidden: boolean): void;
}

export function startOverlayPlacement(frame: HTMLIFrameElement, port: MessagePort, site: string, signal: AbortSignal): OverlayPlacement {
  let size: Box = { width: frame.offsetWidth || 280, height: frame.offsetHeight || 64 };
  let pos: Offsets = { ...DEFAULT_PLACEMENT };
  let dragged = false;
  const viewport = () => ({
    width: document.documentElement.clientWidth || innerWidth,
    height: document.documentElement.clientHeight || innerHeight,
  });
  const apply = () => {
    pos = clampPlacement(pos, size, viewport());
    frame.style.setProperty('right', `${pos.right}px`);
    frame.style.setProperty('bottom', `${pos.bottom}px`);
    frame.style.setProperty('width', `${size.width}px`);
    frame.style.setProperty('height', `${size.height}px`);
  };
  apply();

  const load = () => browser.storage.local.get(OVERLAY_POSITIONS_KEY).then((stored) => readOverlayPositions(stored[OVERLAY_POSITIONS_KEY]));
  void load()
    .then((positions) => {
      const saved = positions[site];
      if (saved && !dragged && !signal.aborted) {
        pos = { right: saved.right, bottom: saved.bottom };
        apply();
      }
    })
    .catch(() => {});
  const save = () =>
    load()
      .then((positions) =>
        browser.storage.local.set({ [OVERLAY_POSITIONS_KEY]: withOverlayPosition(positions, site, { ...pos, at: Date.now() }) }),
      )
      .catch(() => {}); // storage gone (extension reloaded): the position is simply not remembered

  port.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = v.safeParse(OverlayUpSchema, event.data);
    if (!parsed.success) return;
    const message = parsed.output;
    if (message.type === 'overlay/size') {
      size = {
        width: Math.min(Math.ceil(message.width), OVERLAY_MAX.width),
        height: Math.min(Math.ceil(message.height), OVERLAY_MAX.height),
      };
      apply();
    } else if (message.type === 'overlay/move') {
      dragged = true;
      pos = { right: pos.right - message.dx, bottom: pos.bottom - message.dy };
      apply();
    } else if (message.type === 'overlay/drag') {
      if (message.start) startDrag(message.screenX, message.screenY);
      else dragTo(message.screenX, message.screenY);
    } else {
      endDrag();
      void save();
    }
  };

  // A drag: the position follows the pointer's screen coordinates from where it started. A
  // transparent shield over the page catches the pointer when it outruns the frame (the page's own
  // controls never see a drag meant for us); it goes at the first pointerup, wherever that lands.
  let drag: { x: number; y: number; from: Offsets } | null = null;
  let shield: HTMLElement | null = null;
  const startDrag = (x: number, y: number) => {
    dragged = true;
    drag = { x, y, from: { ...pos } };
    if (shield) return;
    shield = document.createElement('div');
    shield.style.cssText = 'position:fixed;inset:0;z-index:2147483647;cursor:grabbing;background:transparent;touch-action:none';
    shield.addEventListener('pointermove', (e) => dragTo(e.screenX, e.screenY));
    shield.addEventListener('pointerup', () => {
      endDrag();
      void save();
    });
    shield.addEventListener('pointercancel', endDrag);
    frame.after(shield);
  };
  const dragTo = (x: number, y: number) => {
    if (!drag) return;
    pos = { right: drag.from.right - (x - drag.x), bottom: drag.from.bottom - (y - drag.y) };
    apply();
  };
  const endDrag = () => {
    drag = null;
    shield?.remove();
    shield = null;
  };
  signal.addEventListener('abort', endDrag, { once: true });
  addEventListener('resize', apply, { signal, passive: true });
  signal.addEventListener('abort', () => port.close(), { once: true });
  return {
    setHidden(hidden) {
      try {
        port.postMessage({ type: 'overlay/hidden', hidden } satisfies OverlayDown);
      } catch {
        // port closed with the call
      }
    },
  };
}
