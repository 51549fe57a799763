// The presence summary of one session, and the one or two suggestions most worth making. Numbers are
// null ("unknown") when the signal was never measured, never a made-up zero.
import { LATENCY_EDGES_MS, type Aggregates, type LatencyStats, type StateTimes } from './aggregates';

export interface SummaryTargets {
  eyeContactTargetPct: number;
  /** therapist share of talk, % */
  talkBand: { min: number; max: number };
}

export interface StateShare {
  /** % of the known time in the good state */
  goodPct: number | null;
  /** the most frequent non-good state, with its % of the known time */
  mainIssue: { state: string; pct: number } | null;
}

export interface SessionSummary {
  durationMs: number;
  eyeContactPct: number | null;
  eyeContactTargetPct: number;
  lighting: StateShare;
  framing: StateShare;
  talkRatioPct: number | null;
  talkBand: { min: number; max: number };
  talkOvers: {
    therapist: { interruptions: number; backchannels: number };
    client: { interruptions: number; backchannels: number };
  } | null;
  latency: { rawMs: number | null; correctedMs: number | null; medianRawMs: number | null; responses: number } | null;
  longestMonologueMs: number | null;
  connection: { rttMs: number | null; jitterMs: number | null; lossPct: number | null; degradedPct: number } | null;
  suggestions: string[];
}

const LABELS: Record<string, string> = {
  'too-dark': 'too dark',
  overexposed: 'overexposed',
  backlit: 'backlit (light behind you)',
  'side-lit': 'lit from one side',
  'low-contrast': 'flat, low-contrast light',
  'cut-off': 'face cut off at the edge',
  'too-close': 'too close to the camera',
  'too-far': 'too far from the camera',
  'off-centre': 'off-centre',
  'no-headroom': 'no headroom',
  'too-much-headroom': 'too much headroom',
  tilted: 'camera tilted',
};
export const issueLabel = (state: string) => LABELS[state] ?? state.replace(/-/g, ' ');

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : null);

export function stateShare(times: StateTimes, good = 'good'): StateShare {
  const known = Object.entries(times).filter(([state]) => state !== 'unknown');
  const total = known.reduce((sum, [, t]) => sum + t, 0);
  if (total <= 0) return { goodPct: null, mainIssue: null };
  const issues = known.filter(([state, t]) => state !== good && t > 0).sort((a, b) => b[1] - a[1]);
  const top = issues[0];
  return { goodPct: pct(times[good] ?? 0, total), mainIssue: top ? { state: top[0], pct: pct(top[1], total)! } : null };
}

/** Median from the histogram, interpolated inside its bin (the open last bin reports its lower edge). */
export function histogramMedian(stats: LatencyStats): number | null {
  if (stats.count === 0) return null;
  const half = stats.count / 2;
  let below = 0;
  for (let i = 0; i < stats.hist.length; i++) {
    const n = stats.hist[i]!;
    if (below + n >= half && n > 0) {
      const lo = i === 0 ? 0 : LATENCY_EDGES_MS[i - 1]!;
      const hi = LATENCY_EDGES_MS[i];
      return hi === undefined ? lo : Math.round(lo + ((half - below) / n) * (hi - lo));
    }
    below += n;
  }
  return null;
}

const mean = (s: { sum: number; count: number }) => (s.count > 0 ? Math.round(s.sum / s.count) : null);
const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

export function summarize(agg: Aggregates, durationMs: number, targets: SummaryTargets): SessionSummary {
  const gazeKnown = Object.entries(agg.gaze).reduce((sum, [state, t]) => (state === 'unknown' ? sum : sum + t), 0);
  const eyeContactPct = pct(agg.gaze['at-camera'] ?? 0, gazeKnown);
  const conv = agg.conversation;
  const talkTotal = conv ? conv.talkMs.therapist + conv.talkMs.client : 0;
  const talkRatioPct = conv ? pct(conv.talkMs.therapist, talkTotal) : null;
  const side = (s: 'therapist' | 'client') =>
    conv
      ? { interruptions: conv.talkOvers[s].interruption + conv.talkOvers[s].interjection, backchannels: conv.talkOvers[s].backchannel }
      : null;
  const link = conv?.connection;
  const summary: SessionSummary = {
    durationMs,
    eyeContactPct,
    eyeContactTargetPct: targets.eyeContactTargetPct,
    lighting: stateShare(agg.lighting),
    framing: stateShare(agg.framing),
    talkRatioPct,
    talkBand: targets.talkBand,
    talkOvers: conv ? { therapist: side('therapist')!, client: side('client')! } : null,
    latency: conv
      ? { rawMs: mean(conv.raw), correctedMs: mean(conv.corrected), medianRawMs: histogramMedian(conv.raw), responses: conv.responses }
      : null,
    longestMonologueMs: conv ? conv.longestMs.therapist : null,
    connection:
      link && link.sampledMs > 0
        ? {
            rttMs: mean(link.rtt),
            jitterMs: mean(link.jitter),
            lossPct: link.loss.count ? Math.round((10 * link.loss.sum) / link.loss.count) / 10 : null,
            degradedPct: pct(link.degradedMs, link.sampledMs)!,
          }
        : null,
    suggestions: [],
  };
  summary.suggestions = suggest(summary);
  return summary;
}

/** Candidate suggestions scored by how far off the target they are; the best one or two are kept. */
function suggest(s: SessionSummary): string[] {
  const candidates: { score: number; text: string }[] = [];
  if (s.eyeContactPct !== null && s.eyeContactPct < s.eyeContactTargetPct)
    candidates.push({
      score: (s.eyeContactTargetPct - s.eyeContactPct) / Math.max(10, s.eyeContactTargetPct),
      text: `Eye contact was ${s.eyeContactPct}% against your ${s.eyeContactTargetPct}% target: move the call window right under the camera so looking at the client is looking at the lens.`,
    });
  if (s.lighting.goodPct !== null && s.lighting.goodPct < 70 && s.lighting.mainIssue)
    candidates.push({
      score: (70 - s.lighting.goodPct) / 70,
      text: `Lighting was good ${s.lighting.goodPct}% of the time; mostly ${issueLabel(s.lighting.mainIssue.state)}. ${lightingFix(s.lighting.mainIssue.state)}`,
    });
  if (s.framing.goodPct !== null && s.framing.goodPct < 70 && s.framing.mainIssue)
    candidates.push({
      score: (70 - s.framing.goodPct) / 70,
      text: `Framing was good ${s.framing.goodPct}% of the time; mostly ${issueLabel(s.framing.mainIssue.state)}. ${framingFix(s.framing.mainIssue.state)}`,
    });
  if (s.talkRatioPct !== null) {
    const { min, max } = s.talkBand;
    if (s.talkRatioPct > max)
      candidates.push({
        score: (s.talkRatioPct - max) / 25,
        text: `You talked ${s.talkRatioPct}% of the time (your band is ${min}–${max}%): leave more room after the client finishes.`,
      });
    else if (s.talkRatioPct < min)
      candidates.push({
        score: (min - s.talkRatioPct) / 25,
        text: `You talked ${s.talkRatioPct}% of the time (your band is ${min}–${max}%): a short reflection now and then shows you are with them.`,
      });
  }
  const interruptions = s.talkOvers?.therapist.interruptions ?? 0;
  const perHour = s.durationMs > 0 ? (interruptions * 3_600_000) / s.durationMs : 0;
  if (interruptions >= 3 && perHour >= 6)
    candidates.push({
      score: Math.min(1.5, perHour / 12),
      text: `You started talking over the client ${interruptions} times in ${minutes(s.durationMs)} min: wait a beat after they stop before you answer.`,
    });
  const corrected = s.latency?.correctedMs ?? null;
  if (s.latency && s.latency.responses >= 3 && corrected !== null && corrected < 300)
    candidates.push({
      score: (300 - corrected) / 400,
      text: `Your replies reached the client about ${corrected} ms after they stopped: on a video link that can feel like cutting in; a slightly longer pause reads as listening.`,
    });
  if (s.connection && s.connection.degradedPct >= 20)
    candidates.push({
      score: s.connection.degradedPct / 60,
      text: `The connection was poor ${s.connection.degradedPct}% of the time: a wired connection or closing other uploads would help.`,
    });
  return candidates
    .sort((a, b) => b.score - a.score)
    .slice(0, 2)
    .map((c) => c.text);
}

function lightingFix(state: string): string {
  switch (state) {
    case 'backlit':
      return 'Face the window or lamp instead of having it behind you.';
    case 'too-dark':
      return 'Add a lamp in front of you, a little above eye level.';
    case 'overexposed':
      return 'Soften the light on your face or move it back.';
    case 'side-lit':
      return 'Move the light so it is in front of you, or add a second one on the darker side.';
    default:
      return 'A soft light in front of you helps most.';
  }
}

function framingFix(state: string): string {
  switch (state) {
    case 'too-close':
      return 'Sit back or move the camera back a little.';
    case 'too-far':
      return 'Move closer so your head and shoulders fill the frame.';
    case 'tilted':
      return 'Level the camera.';
    case 'no-headroom':
    case 'cut-off':
      return 'Raise or tilt the camera so your whole head is in view.';
    default:
      return 'Centre your head and shoulders in the frame.';
  }
}
