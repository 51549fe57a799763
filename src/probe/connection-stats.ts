// Polls a peer connection's getStats every 2 s for the numbers the conversation coach needs: RTT of the
// selected candidate pair, and jitter and packet loss of the inbound audio. Runs in the page's MAIN world
// beside the probe, so it must stay invisible: the native getStats captured before the page runs, its
// own timers, every error swallowed, and it stops once the connection is closed.
import { LossMeter } from '../core/connection/loss-meter';
import type { ProbeMessage } from '../shared/page-channel';

export const STATS_EVERY_MS = 2000;

type Emit = (message: ProbeMessage) => void;
type Report = { type?: unknown; [key: string]: unknown };

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : null);
const ms = (seconds: unknown): number | null => {
  const s = num(seconds);
  return s === null ? null : Math.round(s * 10_000) / 10; // s -> ms, 0.1 ms steps
};

/** Reads the numbers out of one getStats report. */
export function readStats(
  reports: Iterable<Report>,
  loss: LossMeter,
): { rttMs: number | null; jitterMs: number | null; lossPct: number | null } {
  let selectedPair: unknown = null;
  const pairs = new Map<unknown, Report>();
  let rtt: number | null = null;
  let remoteRtt: number | null = null;
  let jitter: number | null = null;
  let lost = 0;
  let received = 0;
  let inbound = false;
  for (const r of reports) {
    if (r.type === 'transport' && r.selectedCandidatePairId) selectedPair = r.selectedCandidatePairId;
    else if (r.type === 'candidate-pair') {
      pairs.set(r.id, r);
      if (r.nominated === true && r.state === 'succeeded' && rtt === null) rtt = ms(r.currentRoundTripTime);
    } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      inbound = true;
      const j = ms(r.jitter);
      if (j !== null) jitter = Math.max(jitter ?? 0, j);
      lost += num(r.packetsLost) ?? 0;
      received += num(r.packetsReceived) ?? 0;
    } else if (r.type === 'remote-inbound-rtp' && r.kind === 'audio') remoteRtt ??= ms(r.roundTripTime);
  }
  const selected = selectedPair === null ? undefined : pairs.get(selectedPair);
  if (selected) rtt = ms(selected.currentRoundTripTime) ?? rtt;
  return {
    rttMs: rtt ?? remoteRtt,
    jitterMs: jitter,
    lossPct: inbound ? loss.update(lost, received) : null,
  };
}

/** Starts polling `pc` (the page's, constructed through our proxy); `id` names it to the bridge. */
export function watchConnection(
  pc: RTCPeerConnection,
  id: number,
  emit: Emit,
  native: { getStats: RTCPeerConnection['getStats']; setTimeout: (fn: () => void, ms: number) => unknown },
): void {
  const loss = new LossMeter();
  const poll = () => {
    try {
      if (pc.signalingState === 'closed') return;
      const pending = Reflect.apply(native.getStats, pc, []) as Promise<RTCStatsReport>;
      pending.then(
        (report) => {
          try {
            const numbers = readStats(report.values() as Iterable<Report>, loss);
            if (numbers.rttMs !== null || numbers.jitterMs !== null || numbers.lossPct !== null)
              emit({ type: 'connection', pc: id, ...numbers });
          } catch {
            // an odd report: skip this round
          }
          native.setTimeout(poll, STATS_EVERY_MS);
        },
        () => native.setTimeout(poll, STATS_EVERY_MS),
      );
    } catch {
      // getStats threw (closed under us): stop
    }
  };
  native.setTimeout(poll, STATS_EVERY_MS);
}
