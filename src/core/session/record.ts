// The stored session record: a versioned valibot schema with ordered migrations, validated on every
// read (stored data is untrusted: STYLE.md principle 8). De-identified by construction: the site's
// hostname and times, never the URL, the tab's title, frames, audio or text.
import * as v from 'valibot';
import { LATENCY_EDGES_MS, MAX_MINUTES, type Aggregates, type Cursor } from './aggregates';

export const RECORD_VERSION = 2;
export const RECORD_PREFIX = 'session:';
export const SET_ASIDE_PREFIX = 'set-aside:';

const ms = v.pipe(v.number(), v.finite(), v.minValue(0));
const num = v.pipe(v.number(), v.finite());
const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const stateTimes = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(40)), ms),
  v.check((r) => Object.keys(r).length <= 20, 'too many states'),
);
const counts = v.object({ interruption: int, interjection: int, backchannel: int });
const side = <T extends v.GenericSchema>(s: T) => v.object({ therapist: s, client: s });
const latency = v.object({ hist: v.pipe(v.array(int), v.length(LATENCY_EDGES_MS.length + 1)), sum: ms, count: int });
const stat = v.object({ sum: num, count: int, max: num });

const MinuteSchema = v.object({
  ms,
  atCameraMs: ms,
  gazeKnownMs: ms,
  goodLightMs: ms,
  lightKnownMs: ms,
  goodFramingMs: ms,
  framingKnownMs: ms,
  therapistTalkMs: v.nullable(ms),
  clientTalkMs: v.nullable(ms),
  talkOvers: int,
});

const AggregatesSchema = v.object({
  sampledMs: ms,
  presence: stateTimes,
  gaze: stateTimes,
  lighting: stateTimes,
  framing: stateTimes,
  conversation: v.nullable(
    v.object({
      sampledMs: ms,
      talkMs: side(ms),
      longestMs: side(ms),
      talkOvers: side(counts),
      perceivedOverlaps: int,
      responses: int,
      raw: latency,
      corrected: latency,
      connection: v.object({ sampledMs: ms, degradedMs: ms, rtt: stat, jitter: stat, loss: stat }),
    }),
  ),
  nudges: v.object({ shown: int, byType: v.record(v.pipe(v.string(), v.maxLength(40)), int) }),
  timeline: v.pipe(v.array(MinuteSchema), v.maxLength(MAX_MINUTES)),
}) satisfies v.GenericSchema<unknown, Aggregates>;

const CursorSchema = v.object({
  at: num,
  talkMs: v.nullable(side(ms)),
  talkOvers: v.nullable(side(counts)),
  perceivedOverlaps: v.nullable(int),
  responses: v.nullable(int),
  nudgesShown: v.nullable(int),
  nudgesByType: v.record(v.pipe(v.string(), v.maxLength(40)), int),
}) satisfies v.GenericSchema<unknown, Cursor>;

export const SessionRecordSchema = v.pipe(
  v.object({
    version: v.literal(RECORD_VERSION),
    id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)),
    /** hostname only */
    site: v.pipe(v.string(), v.maxLength(253), v.regex(/^[^/?#\s]*$/)),
    startedAt: num,
    /** the last time the session was seen live (metrics or live tracks); the end once it is closed */
    lastSeenAt: num,
    endedAt: v.nullable(num),
    /** while the session is open: its tab and the coach's last cumulative counters */
    open: v.nullable(v.object({ tabId: v.pipe(v.number(), v.integer()), tracksEndedAt: v.nullable(num), cursor: CursorSchema })),
    aggregates: AggregatesSchema,
    /** the therapist's own one-tap rating of the session's connection, 1 (bad) to 5 (good); optional */
    selfRating: v.optional(v.nullable(v.picklist([1, 2, 3, 4, 5]))),
  }),
  v.check((r) => r.lastSeenAt >= r.startedAt && (r.endedAt === null || r.endedAt >= r.startedAt), 'times out of order'),
);
export type SessionRecord = v.InferOutput<typeof SessionRecordSchema>;

/**
 * Ordered migrations: index i upgrades version i+1 to i+2.
 * v1 -> v2: v1 kept no nudge report (the nudges issue added it): start it at zero.
 */
const MIGRATIONS: ((old: Record<string, unknown>) => Record<string, unknown>)[] = [
  (old) => {
    const aggregates = old.aggregates && typeof old.aggregates === 'object' ? (old.aggregates as Record<string, unknown>) : {};
    return { ...old, version: 2, aggregates: { ...aggregates, nudges: aggregates.nudges ?? { shown: 0, byType: {} } } };
  },
];

export class RecordError extends Error {}

/** A stored record, migrated and validated; throws RecordError saying what is wrong. */
export function parseRecord(stored: unknown): SessionRecord {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) throw new RecordError('not an object');
  let source = stored as Record<string, unknown>;
  const from = source.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) throw new RecordError(`bad version ${String(from)}`);
  if (from > RECORD_VERSION) throw new RecordError(`version ${from} is newer than this extension (${RECORD_VERSION})`);
  for (let version = from; version < RECORD_VERSION; version++) source = MIGRATIONS[version - 1]!(source);
  const parsed = v.safeParse(SessionRecordSchema, source);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new RecordError(`${path ? `${path}: ` : ''}${issue.message}`.slice(0, 200));
  }
  return parsed.output;
}

export const recordKey = (id: string) => `${RECORD_PREFIX}${id}`;

/** Ids of records older than the retention (by their end, or last sighting while open). */
export function expiredIds(
  records: readonly Pick<SessionRecord, 'id' | 'lastSeenAt' | 'endedAt' | 'open'>[],
  now: number,
  retentionDays: number,
): string[] {
  const cutoff = now - retentionDays * 86_400_000;
  return records.filter((r) => r.open === null && (r.endedAt ?? r.lastSeenAt) < cutoff).map((r) => r.id);
}
