// The nudge rules as the therapist reads them. The nudges engineer's describeRules(settings)
// (src/core/nudge/describe.ts, on its own branch) is not on this branch yet: this static list stands
// in for it and says so on the page. TODO [after merge]: render describeRules(settings) instead.
import type { Sensitivity } from '../../shared/settings';

export const RULES_ARE_STATIC = true;

export function staticRules(sensitivity: Sensitivity, eyeContactTargetPct: number): string[] {
  const wait = { gentle: 'longer', standard: 'a few seconds', detailed: 'a shorter time' }[sensitivity];
  return [
    `A condition must last ${wait} before it is nudged (${sensitivity} sensitivity).`,
    `Eye contact is nudged when you look at the camera less than your ${eyeContactTargetPct}% target over the last minutes (after gaze calibration).`,
    'A talk-over nudge only when you interrupt the client; a quick "mm-hm" never counts.',
    'Sparse cues: at most one nudge at a time, and the same nudge is not repeated soon after.',
    'No nudge while the client is speaking at length: it waits for a pause.',
    'When something cannot be measured (no face, no audio), nothing is nudged.',
  ];
}
