// The rules in words, for the options page: generated from the same timing the policy runs on, so the
// page can never promise something the policy does not do.
import type { NudgeSettings } from './policy';
import { timingFor } from './timing';

const s = (ms: number) => {
  const secs = Math.round(ms / 1000);
  return secs >= 120 && secs % 60 === 0 ? `${secs / 60} min` : `${secs} s`;
};

export function describeRules(settings: Pick<NudgeSettings, 'sensitivity' | 'eyeContactTargetPct'>): string[] {
  const t = timingFor(settings.sensitivity);
  return [
    `A condition must last before it is nudged: looking away ${s(t.awayMs)}; lighting, framing or voice level off ${s(t.setupBadMs)}.`,
    `Eye contact is nudged when you looked at the camera less than your target (${settings.eyeContactTargetPct} %) over the last ${s(t.eyeContactWindowMs)} (only after gaze calibration).`,
    'A talk-over nudge only when you interrupt the client; a quick "mm-hm" never counts.',
    `When the connection is slow and you talk over each other, the advice is "pause a beat"; a slow link itself is mentioned after ${s(t.connectionMs)}.`,
    `At most one nudge every ${s(t.minGapMs)}, and the same nudge at most once every ${s(t.sameTypeMs)}.`,
    `No nudge while the client has been speaking for more than ${s(t.clientSpeakingMaxMs)}: it waits for a pause.`,
    `A calm start: in the first ${s(t.calmStartMs)} only setup problems (lighting, framing) are nudged.`,
    'When something cannot be measured (no face, no audio), nothing is nudged.',
  ];
}
