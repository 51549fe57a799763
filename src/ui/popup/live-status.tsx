// One live call: which signals are live right now (a signal is live when it has a verdict, not
// "unknown"), one card per call tab.
import type { TabPipeline } from '../../shared/protocol';

function Signal({ name, state }: { name: string; state: 'live' | 'unknown' | 'off' }) {
  return (
    <li class={`signal ${state}`} data-signal={name} data-state={state} title={`${name}: ${state}`}>
      {name}
    </li>
  );
}

export function LiveStatus({ call }: { call: TabPipeline }) {
  const { taps, coach } = call;
  const vision = coach?.vision ?? null;
  const conv = coach?.conversation ?? null;
  const known = (x: string | undefined | null) => (x && x !== 'unknown' ? 'live' : 'unknown');
  return (
    <div class="card live" data-tab={call.tabId}>
      <strong>{call.site || 'this page'}</strong>
      <span class={coach?.state === 'live' ? 'good' : 'muted'}>
        {' '}
        · {coach ? (coach.state === 'live' ? 'coaching' : coach.state) : 'starting'}
      </span>
      {taps.sharing && <span class="muted"> · sharing screen</span>}
      <ul class="signals">
        <Signal name="Camera" state={taps.localVideo ? 'live' : 'off'} />
        <Signal name="Mic" state={taps.localAudio ? 'live' : 'off'} />
        <Signal name="Face" state={coach?.presence === 'face' ? 'live' : coach ? 'unknown' : 'off'} />
        <Signal name="Gaze" state={vision ? known(vision.gaze) : 'off'} />
        <Signal name="Lighting" state={vision ? known(vision.lighting) : 'off'} />
        <Signal name="Framing" state={vision ? known(vision.framing) : 'off'} />
        <Signal name="Talk" state={conv ? (conv.therapistSpeaking === null ? 'unknown' : 'live') : 'off'} />
        <Signal name="Connection" state={conv?.connection ? 'live' : 'off'} />
      </ul>
    </div>
  );
}
