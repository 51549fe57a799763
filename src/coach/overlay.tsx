// The private overlay: a small pill with a status dot. For now it shows that the coach is live and
// what it sees (face found, head yaw and pitch); nudges come later. aria-live so a screen reader
// hears changes without being interrupted.
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from '../shared/use-store';
import type { CoachMetrics } from '../shared/protocol';
import './overlay.css';

export type OverlayState = Pick<CoachMetrics, 'state' | 'presence' | 'yaw' | 'pitch'>;

const selectAll = (s: OverlayState) => s;
const deg = (x: number | null) => (x === null ? '–' : `${Math.round(x)}°`);

function describe(s: OverlayState): { tone: string; text: string } {
  if (s.state === 'error') return { tone: 'off', text: 'Coach paused' };
  if (s.state === 'loading') return { tone: 'off', text: 'Coach starting…' };
  if (s.presence === 'face') return { tone: 'good', text: `Face found · yaw ${deg(s.yaw)} · pitch ${deg(s.pitch)}` };
  if (s.presence === 'no-face') return { tone: 'warn', text: 'No face in view' };
  return { tone: 'off', text: 'Coach live' };
}

export function Overlay({ store }: { store: StoreApi<OverlayState> }) {
  const state = useStore(store, selectAll);
  const { tone, text } = describe(state);
  return (
    <div class="pill" role="status" aria-live="polite" data-tone={tone} data-presence={state.presence} data-state={state.state}>
      <span class="dot" aria-hidden="true" />
      <span class="text">{text}</span>
    </div>
  );
}
