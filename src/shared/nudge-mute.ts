// The therapist's snooze / quiet state: one contract for the popup, the keyboard command, the service
// worker (which pushes it down each coach Port) and the badge. Lives in storage.session: it is about
// this browser session only, and is gone when the browser closes.
import * as v from 'valibot';

export const MUTE_KEY = 'nudges.mute.v1';
export const SNOOZE_MS = 15 * 60_000;

export const MuteSchema = v.object({
  version: v.literal(1),
  /** epoch ms until which nudges are snoozed everywhere; null when not snoozed */
  snoozeUntil: v.nullable(v.pipe(v.number(), v.finite())),
  /** tabs whose current session is quiet ("quiet for this session") */
  quietTabs: v.pipe(v.array(v.pipe(v.number(), v.integer())), v.maxLength(500)),
});
export type Mute = v.InferOutput<typeof MuteSchema>;

export const NO_MUTE: Mute = { version: 1, snoozeUntil: null, quietTabs: [] };

/** Mute state from an untrusted stored value: anything malformed means "not muted". */
export function readMute(stored: unknown): Mute {
  const parsed = v.safeParse(MuteSchema, stored);
  return parsed.success ? parsed.output : NO_MUTE;
}

export function isSnoozed(mute: Mute, now: number): boolean {
  return mute.snoozeUntil !== null && mute.snoozeUntil > now;
}
