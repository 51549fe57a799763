// User settings: versioned, derived from the defaults, each field validated on read and falling back
// to its default alone when it is bad (STYLE.md: stored data is untrusted; darkreader's validation).
import * as v from 'valibot';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS = {
  version: SETTINGS_VERSION,
  /** camera frames analysed per second (gaze needs >= 5; see the performance issue) */
  analysisFps: 5,
};
export type Settings = typeof DEFAULT_SETTINGS;

const fieldSchemas: { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> } = {
  version: v.literal(SETTINGS_VERSION),
  analysisFps: v.pipe(v.number(), v.minValue(1), v.maxValue(15)),
};

/** Settings from an untrusted stored value; unknown keys are dropped, bad fields reset. */
export function readSettings(stored: unknown): Settings {
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const out = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(fieldSchemas) as (keyof Settings)[]) {
    const parsed = v.safeParse(fieldSchemas[key], source[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.output;
  }
  return out;
}
