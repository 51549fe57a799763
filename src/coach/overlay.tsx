// The private overlay: a status dot, and for ~4 s after a nudge its icon and one or two words. Only the
// therapist sees it (the bridge hides it while a screen is shared). aria-live polite: a screen reader
// hears a nudge without being interrupted. Focusable; arrow keys move it, and so does a pointer drag:
// the iframe cannot move itself, so moves are requests to the bridge over the overlay port.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import type { StoreApi } from 'zustand/vanilla';
import { OverlayDownSchema, type OverlayUp } from '../shared/overlay-channel';
import type { CoachMetrics, Nudge } from '../shared/protocol';
import { useStore } from '../shared/use-store';
import './overlay.css';

export type OverlayNudge = Pick<Nudge, 'type' | 'text' | 'icon' | 'severity' | 'at'>;
export type OverlayState = Pick<CoachMetrics, 'state' | 'presence' | 'yaw' | 'pitch'> & {
  nudge: OverlayNudge | null;
  /** hidden from the page (screen sharing): nothing is shown, nudges are held back */
  hidden: boolean;
};

/** how long a nudge's words stay before they fade to the dot, ms */
export const NUDGE_SHOW_MS = 4000;
const FADE_MS = 400;
/** room around the pill for its shadow, px each side (matches #overlay's inset in overlay.css) */
const MARGIN = 8;
const KEY_STEP = 10;
const KEY_STEP_BIG = 50;

let send: (message: OverlayUp) => void = () => {};

/** Connects the overlay to the bridge's overlay port: moves go up, visibility comes down. */
export function attachOverlayPort(port: MessagePort, store: StoreApi<OverlayState>, signal: AbortSignal): void {
  send = (message) => {
    try {
      port.postMessage(message);
    } catch {
      // the bridge is gone with the call
    }
  };
  port.onmessage = (event: MessageEvent<unknown>) => {
    const parsed = v.safeParse(OverlayDownSchema, event.data);
    if (parsed.success) store.setState({ hidden: parsed.output.hidden });
  };
  signal.addEventListener('abort', () => port.close(), { once: true });
  const pill = document.querySelector<HTMLElement>('.pill');
  if (pill) sendSize(pill);
}

function sendSize(pill: HTMLElement): void {
  send({ type: 'overlay/size', width: pill.offsetWidth + 2 * MARGIN, height: pill.offsetHeight + 2 * MARGIN });
}

const selectAll = (s: OverlayState) => s;
const deg = (x: number | null) => (x === null ? '–' : `${Math.round(x)}°`);

function describe(s: OverlayState): { tone: string; text: string; detail: string } {
  if (s.state === 'error') return { tone: 'off', text: 'Coach paused', detail: '' };
  if (s.state === 'loading') return { tone: 'off', text: 'Coach starting', detail: '' };
  if (s.presence === 'face')
    return { tone: 'good', text: 'Coach live', detail: ` · face found · yaw ${deg(s.yaw)} · pitch ${deg(s.pitch)}` };
  if (s.presence === 'no-face') return { tone: 'warn', text: 'No face in view', detail: '' };
  return { tone: 'off', text: 'Coach live', detail: '' };
}

/**
 * 'in' for NUDGE_SHOW_MS after a new nudge, then 'out' while it fades, then none. The clock starts
 * from the committed 'in' render (an effect on the phase), so a busy machine that is slow to paint
 * never shortens how long the words can be read.
 */
function useNudgePhase(nudge: OverlayNudge | null): 'in' | 'out' | null {
  const key = nudge ? `${nudge.at}:${nudge.type}` : null;
  const [shown, setShown] = useState<{ key: string | null; phase: 'in' | 'out' | null }>({ key: null, phase: null });
  useEffect(() => {
    if (key) setShown({ key, phase: 'in' });
  }, [key]);
  useEffect(() => {
    if (shown.phase === null) return;
    const next = shown.phase === 'in' ? 'out' : null;
    const timer = setTimeout(
      () => setShown((s) => (s.key === shown.key && s.phase === shown.phase ? { ...s, phase: next } : s)),
      shown.phase === 'in' ? NUDGE_SHOW_MS : FADE_MS,
    );
    return () => clearTimeout(timer);
  }, [shown.key, shown.phase]);
  return nudge && shown.key === key ? shown.phase : null;
}

export function Overlay({ store }: { store: StoreApi<OverlayState> }) {
  const state = useStore(store, selectAll);
  const { tone, text, detail } = describe(state);
  const phase = useNudgePhase(state.hidden ? null : state.nudge);
  const nudge = phase ? state.nudge : null;
  const pill = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; id: number } | null>(null);

  useLayoutEffect(() => {
    if (pill.current) sendSize(pill.current);
  }, [nudge?.text, phase]);

  const onKey = (event: KeyboardEvent) => {
    const step = event.shiftKey ? KEY_STEP_BIG : KEY_STEP;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    send({ type: 'overlay/move', dx: move[0], dy: move[1] });
    send({ type: 'overlay/move-end' });
  };
  // Screen coordinates: they do not change when the iframe moves under the pointer.
  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    drag.current = { x: event.screenX, y: event.screenY, id: event.pointerId };
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    send({ type: 'overlay/drag', start: true, screenX: event.screenX, screenY: event.screenY });
  };
  const onPointerMove = (event: PointerEvent) => {
    const d = drag.current;
    if (!d || d.id !== event.pointerId || (event.screenX === d.x && event.screenY === d.y)) return;
    if (event.buttons === 0) {
      drag.current = null; // the button came up over the bridge's drag shield, not here
      return;
    }
    drag.current = { ...d, x: event.screenX, y: event.screenY };
    send({ type: 'overlay/drag', start: false, screenX: event.screenX, screenY: event.screenY });
  };
  const onPointerUp = (event: PointerEvent) => {
    if (!drag.current || drag.current.id !== event.pointerId) return;
    drag.current = null;
    send({ type: 'overlay/move-end' });
  };

  return (
    <div
      ref={pill}
      class="pill"
      tabIndex={0}
      aria-label="Webside coach, private to you. Arrow keys move it."
      title={`${text}${detail}. Drag or use the arrow keys to move.`}
      data-tone={tone}
      data-presence={state.presence}
      data-state={state.state}
      data-nudge={nudge?.type}
      data-severity={nudge?.severity}
      data-phase={phase ?? 'idle'}
      onKeyDown={onKey}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      <span class="dot" aria-hidden="true" />
      {nudge && (
        <span class="icon" aria-hidden="true">
          {nudge.icon}
        </span>
      )}
      <span class={nudge ? 'text' : 'text visually-hidden'} role="status" aria-live="polite">
        {nudge ? nudge.text : text}
      </span>
    </div>
  );
}
