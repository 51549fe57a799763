// What the session aggregates are fed with, once a second: the structural subset of the coach's
// CoachMetrics (src/shared/protocol.ts) that a session keeps. Core may not import shared, so the
// shape is restated here; the service worker passes its validated CoachMetrics straight in.

export type Side = 'therapist' | 'client';
export interface TalkOverCounts {
  interruption: number;
  interjection: number;
  backchannel: number;
}

export interface SampleConversation {
  talkMs: Record<Side, number>;
  longestMs: Record<Side, number>;
  talkOvers: Record<Side, TalkOverCounts>;
  perceivedOverlaps: number;
  responses: number;
  recentResponses: readonly { rawMs: number; correctedMs: number | null }[];
  connection: { rttMs: number | null; jitterMs: number | null; lossPct: number | null; degraded: boolean } | null;
}

export interface SessionSample {
  presence: string;
  vision: { gaze: string; lighting: string; framing: string } | null;
  /** absent or null while the conversation signals are not tapped: aggregated as "unknown" */
  conversation?: SampleConversation | null;
  nudges?: { shown: number; byType: Partial<Record<string, number>> } | null;
}
