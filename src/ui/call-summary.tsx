// One call's pipeline, as a definition list: shared by the popup and the diagnostics page.
import type { CoachMetrics, TabPipeline } from '../shared/protocol';

const ms = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x)} ms`);
const deg = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${Math.round(x)}°`);

export function CallSummary({ call, detailed }: { call: TabPipeline; detailed: boolean }) {
  const { taps, coach } = call;
  const presence = coach?.presence ?? 'unknown';
  return (
    <div class="card" data-tab={call.tabId}>
      <strong>{call.site || 'this page'}</strong>
      {taps.sharing && <span class="muted"> · sharing screen (overlay hidden)</span>}
      <dl style={{ marginTop: '8px' }}>
        <dt>Coach</dt>
        <dd class={coach?.state === 'live' ? 'good' : 'warn'}>{coach ? coach.state : 'not started'}</dd>
        <dt>Face</dt>
        <dd>
          {presence === 'face'
            ? coach?.yaw == null
              ? 'found'
              : `found · yaw ${deg(coach.yaw)} · pitch ${deg(coach.pitch)}`
            : presence === 'no-face'
              ? 'not in view'
              : 'unknown'}
        </dd>
        {coach?.vision && (
          <>
            <dt>Gaze</dt>
            <dd>
              {coach.vision.gaze.replace('-', ' ')}
              {coach.vision.gazeOffDeg !== null && ` · ${Math.round(coach.vision.gazeOffDeg)}° from the lens`}
              {!coach.vision.gazeCalibrated && ' · not calibrated (defaults)'}
            </dd>
            <dt>Lighting</dt>
            <dd>
              {coach.vision.lighting.replace('-', ' ')}
              {coach.vision.lightFrom && ` (light from ${coach.vision.lightFrom.replace('-', ' ')})`}
            </dd>
            <dt>Framing</dt>
            <dd>
              {coach.vision.framing.replace(/-/g, ' ')}
              {coach.vision.framingDetail && ` (${coach.vision.framingDetail})`}
            </dd>
          </>
        )}
        <dt>Taps</dt>
        <dd>
          camera {taps.localVideo ? '✓' : '✗'}
          {detailed && taps.frameSource && ` (${taps.frameSource === 'video-element' ? 'via a video element' : 'via a track processor'})`} ·
          mic {taps.localAudio ? (taps.micMuted ? 'muted' : '✓') : '✗'} · client audio {taps.remoteAudio} · client video {taps.remoteVideo}
        </dd>
        {detailed && (
          <>
            <dt>Analysed</dt>
            <dd>{coach ? `${coach.fps.toFixed(1)} fps · ${coach.frames} frames` : '–'}</dd>
            <dt>Per frame</dt>
            <dd>{coach ? `${ms(coach.detectMsP50)} median · ${ms(coach.detectMsP95)} p95` : '–'}</dd>
            <dt>Cold start</dt>
            <dd>
              {ms(coach?.coldStartMs)} (camera live → first face)
              {coldStartSteps(taps.cameraLiveAt, coach?.startup)}
            </dd>
            <dt>Model load</dt>
            <dd>{ms(coach?.modelLoadMs)}</dd>
            <dt>Last error</dt>
            <dd>{coach?.lastError ?? 'none'}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** Where a cold start went, for support: each step of the coach's start after the camera went live. */
function coldStartSteps(liveAt: number | null, startup: CoachMetrics['startup'] | undefined): string {
  if (liveAt === null || !startup) return '';
  const steps: [string, number | null | undefined][] = [
    ['coach page', startup.pageAt],
    ['hello', startup.helloAt],
    ['model ready', startup.readyAt],
    ['first result', startup.firstResultAt],
  ];
  const known = steps.filter((step): step is [string, number] => typeof step[1] === 'number');
  return known.length ? ` · ${known.map(([name, at]) => `${name} +${Math.round(at - liveAt)} ms`).join(' · ')}` : '';
}
