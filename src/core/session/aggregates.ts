// Session aggregates: fed one CoachMetrics-shaped sample a second, they keep only time-in-state per
// signal (ms), counts, distributions and a per-minute timeline — never frames, audio or text.
// Everything here is plain JSON, so a checkpoint is the object itself.
//
// The coach's conversation and nudge counters are cumulative per coach session, and a coach may be
// reopened (its counters restart at 0) or the service worker restarted (our copy of the last value
// survives only as of the last checkpoint): the `cursor` keeps the last cumulative values and only
// the increase since then is added; a drop means the counter restarted, and the new value is the
// increase.
import type { SampleConversation, SessionSample, Side, TalkOverCounts } from './sample';

/** Upper edges (ms) of the response-latency histogram bins; the last bin is open. */
export const LATENCY_EDGES_MS = [250, 500, 1000, 2000, 4000] as const;
/** A gap between samples longer than this (ms) is not counted: the worker was asleep or restarted. */
export const MAX_STEP_MS = 2000;
/** Timeline length cap (minutes), so that a forgotten tab cannot grow a record without bound. */
export const MAX_MINUTES = 360;

export type StateTimes = Record<string, number>;
export type TalkOvers = Record<Side, TalkOverCounts>;

export interface Minute {
  /** ms sampled in this minute */
  ms: number;
  atCameraMs: number;
  gazeKnownMs: number;
  goodLightMs: number;
  lightKnownMs: number;
  goodFramingMs: number;
  framingKnownMs: number;
  /** null while the conversation was unknown all minute */
  therapistTalkMs: number | null;
  clientTalkMs: number | null;
  talkOvers: number;
}

export interface LatencyStats {
  hist: number[];
  sum: number;
  count: number;
}

export interface ConversationAggregates {
  sampledMs: number;
  talkMs: Record<Side, number>;
  longestMs: Record<Side, number>;
  talkOvers: TalkOvers;
  perceivedOverlaps: number;
  responses: number;
  raw: LatencyStats;
  corrected: LatencyStats;
  connection: {
    sampledMs: number;
    degradedMs: number;
    rtt: { sum: number; count: number; max: number };
    jitter: { sum: number; count: number; max: number };
    loss: { sum: number; count: number; max: number };
  };
}

export interface Aggregates {
  sampledMs: number;
  presence: StateTimes;
  gaze: StateTimes;
  lighting: StateTimes;
  framing: StateTimes;
  conversation: ConversationAggregates | null;
  nudges: { shown: number; byType: Record<string, number> };
  timeline: Minute[];
}

/** The last cumulative values seen from the coach, to add only increases. */
export interface Cursor {
  at: number;
  talkMs: Record<Side, number> | null;
  talkOvers: TalkOvers | null;
  perceivedOverlaps: number | null;
  responses: number | null;
  nudgesShown: number | null;
  nudgesByType: Record<string, number>;
}

const zeroCounts = (): TalkOverCounts => ({ interruption: 0, interjection: 0, backchannel: 0 });
const zeroLatency = (): LatencyStats => ({ hist: LATENCY_EDGES_MS.map(() => 0).concat(0), sum: 0, count: 0 });

export function emptyAggregates(): Aggregates {
  return {
    sampledMs: 0,
    presence: {},
    gaze: {},
    lighting: {},
    framing: {},
    conversation: null,
    nudges: { shown: 0, byType: {} },
    timeline: [],
  };
}

export function emptyCursor(at: number): Cursor {
  return { at, talkMs: null, talkOvers: null, perceivedOverlaps: null, responses: null, nudgesShown: null, nudgesByType: {} };
}

function emptyConversation(): ConversationAggregates {
  const stat = () => ({ sum: 0, count: 0, max: 0 });
  return {
    sampledMs: 0,
    talkMs: { therapist: 0, client: 0 },
    longestMs: { therapist: 0, client: 0 },
    talkOvers: { therapist: zeroCounts(), client: zeroCounts() },
    perceivedOverlaps: 0,
    responses: 0,
    raw: zeroLatency(),
    corrected: zeroLatency(),
    connection: { sampledMs: 0, degradedMs: 0, rtt: stat(), jitter: stat(), loss: stat() },
  };
}

/** Increase of a cumulative counter since `prev`; a drop means the counter restarted from 0. */
export function increase(now: number, prev: number | null): number {
  if (!Number.isFinite(now) || now < 0) return 0;
  if (prev === null) return now;
  return now >= prev ? now - prev : now;
}

export function latencyBin(ms: number): number {
  const i = LATENCY_EDGES_MS.findIndex((edge) => ms < edge);
  return i === -1 ? LATENCY_EDGES_MS.length : i;
}

const addTime = (times: StateTimes, state: string, ms: number) => {
  times[state] = (times[state] ?? 0) + ms;
};
const addStat = (stat: { sum: number; count: number; max: number }, x: number | null) => {
  if (x === null || !Number.isFinite(x)) return;
  stat.sum += x;
  stat.count++;
  stat.max = Math.max(stat.max, x);
};
const addLatency = (stats: LatencyStats, ms: number) => {
  stats.hist[latencyBin(ms)]!++;
  stats.sum += ms;
  stats.count++;
};

function minuteAt(agg: Aggregates, index: number): Minute | null {
  if (index < 0 || index >= MAX_MINUTES) return null;
  while (agg.timeline.length <= index)
    agg.timeline.push({
      ms: 0,
      atCameraMs: 0,
      gazeKnownMs: 0,
      goodLightMs: 0,
      lightKnownMs: 0,
      goodFramingMs: 0,
      framingKnownMs: 0,
      therapistTalkMs: null,
      clientTalkMs: null,
      talkOvers: 0,
    });
  return agg.timeline[index]!;
}

function foldConversation(agg: Aggregates, cursor: Cursor, c: SampleConversation, stepMs: number, minute: Minute | null): void {
  const conv = (agg.conversation ??= emptyConversation());
  conv.sampledMs += stepMs;
  // One counter going down means the coach's conversation state restarted: every counter did.
  if (wentDown(c, cursor)) Object.assign(cursor, { talkMs: null, talkOvers: null, perceivedOverlaps: null, responses: null });
  let overs = 0;
  for (const side of ['therapist', 'client'] as const) {
    const talk = increase(c.talkMs[side], cursor.talkMs?.[side] ?? null);
    conv.talkMs[side] += talk;
    if (minute) {
      const key = side === 'therapist' ? 'therapistTalkMs' : 'clientTalkMs';
      minute[key] = (minute[key] ?? 0) + talk;
    }
    conv.longestMs[side] = Math.max(conv.longestMs[side], Number.isFinite(c.longestMs[side]) ? c.longestMs[side] : 0);
    for (const kind of ['interruption', 'interjection', 'backchannel'] as const) {
      const added = increase(c.talkOvers[side][kind], cursor.talkOvers?.[side][kind] ?? null);
      conv.talkOvers[side][kind] += added;
      if (kind !== 'backchannel') overs += added;
    }
  }
  if (minute) minute.talkOvers += overs;
  conv.perceivedOverlaps += increase(c.perceivedOverlaps, cursor.perceivedOverlaps);
  const newResponses = increase(c.responses, cursor.responses);
  conv.responses += newResponses;
  // recentResponses holds the last few, newest last: the new ones are its tail.
  for (const r of c.recentResponses.slice(Math.max(0, c.recentResponses.length - newResponses))) {
    if (Number.isFinite(r.rawMs) && r.rawMs >= 0) addLatency(conv.raw, r.rawMs);
    if (r.correctedMs !== null && Number.isFinite(r.correctedMs) && r.correctedMs >= 0) addLatency(conv.corrected, r.correctedMs);
  }
  if (c.connection) {
    const link = conv.connection;
    link.sampledMs += stepMs;
    if (c.connection.degraded) link.degradedMs += stepMs;
    addStat(link.rtt, c.connection.rttMs);
    addStat(link.jitter, c.connection.jitterMs);
    addStat(link.loss, c.connection.lossPct);
  }
  cursor.talkMs = { ...c.talkMs };
  cursor.talkOvers = { therapist: { ...c.talkOvers.therapist }, client: { ...c.talkOvers.client } };
  cursor.perceivedOverlaps = c.perceivedOverlaps;
  cursor.responses = c.responses;
}

function wentDown(c: SampleConversation, cursor: Cursor): boolean {
  const pairs: [number, number | null | undefined][] = [
    [c.responses, cursor.responses],
    [c.perceivedOverlaps, cursor.perceivedOverlaps],
    [c.talkMs.therapist, cursor.talkMs?.therapist],
    [c.talkMs.client, cursor.talkMs?.client],
  ];
  for (const side of ['therapist', 'client'] as const)
    for (const kind of ['interruption', 'interjection', 'backchannel'] as const)
      pairs.push([c.talkOvers[side][kind], cursor.talkOvers?.[side][kind]]);
  return pairs.some(([now, prev]) => typeof prev === 'number' && now < prev);
}

/**
 * Folds one sample taken at `at` (epoch ms) into `agg` (mutated), for a session that started at
 * `startedAt`. The time counted is the gap since the previous sample, capped at MAX_STEP_MS.
 */
export function addSample(agg: Aggregates, cursor: Cursor, sample: SessionSample, at: number, startedAt: number): void {
  const stepMs = Math.max(0, Math.min(MAX_STEP_MS, at - cursor.at));
  cursor.at = Math.max(cursor.at, at);
  const minute = stepMs > 0 ? minuteAt(agg, Math.floor((at - startedAt) / 60_000)) : null;
  if (stepMs > 0) {
    agg.sampledMs += stepMs;
    addTime(agg.presence, sample.presence, stepMs);
    const vision = sample.vision ?? { gaze: 'unknown', lighting: 'unknown', framing: 'unknown' };
    addTime(agg.gaze, vision.gaze, stepMs);
    addTime(agg.lighting, vision.lighting, stepMs);
    addTime(agg.framing, vision.framing, stepMs);
    if (minute) {
      minute.ms += stepMs;
      if (vision.gaze !== 'unknown') minute.gazeKnownMs += stepMs;
      if (vision.gaze === 'at-camera') minute.atCameraMs += stepMs;
      if (vision.lighting !== 'unknown') minute.lightKnownMs += stepMs;
      if (vision.lighting === 'good') minute.goodLightMs += stepMs;
      if (vision.framing !== 'unknown') minute.framingKnownMs += stepMs;
      if (vision.framing === 'good') minute.goodFramingMs += stepMs;
    }
  }
  // Counters are folded even on a zero step: a restarted worker's first sample still carries them.
  if (sample.conversation) foldConversation(agg, cursor, sample.conversation, stepMs, minute);
  if (sample.nudges) {
    agg.nudges.shown += increase(sample.nudges.shown, cursor.nudgesShown);
    cursor.nudgesShown = sample.nudges.shown;
    for (const [type, n] of Object.entries(sample.nudges.byType)) {
      if (typeof n !== 'number') continue;
      agg.nudges.byType[type] = (agg.nudges.byType[type] ?? 0) + increase(n, cursor.nudgesByType[type] ?? null);
      cursor.nudgesByType[type] = n;
    }
  }
}
