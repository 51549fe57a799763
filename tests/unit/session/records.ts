// A finished record with known aggregates, built through the real reducer.
import { addSample, emptyAggregates, emptyCursor } from '../../../src/core/session/aggregates';
import { RECORD_VERSION, type SessionRecord } from '../../../src/core/session/record';
import { conversation, sample } from './fixtures';

export const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

/** 600 s: gaze at the camera for `atCameraS` of them, lighting backlit for `backlitS`; talk as given. */
export function makeRecord(
  id: string,
  opts: {
    atCameraS?: number;
    backlitS?: number;
    therapistTalkS?: number;
    clientTalkS?: number;
    interruptions?: number;
    site?: string;
    startedAt?: number;
  } = {},
): SessionRecord {
  const {
    atCameraS = 300,
    backlitS = 0,
    therapistTalkS = 200,
    clientTalkS = 300,
    interruptions = 0,
    site = 'meet.example.org',
    startedAt = T0,
  } = opts;
  const agg = emptyAggregates();
  const cursor = emptyCursor(startedAt);
  for (let s = 1; s <= 600; s++) {
    const conv = conversation({
      talkMs: { therapist: Math.min(s, therapistTalkS) * 1000, client: Math.min(s, clientTalkS) * 1000 },
      longestMs: { therapist: 45_000, client: 90_000 },
      talkOvers: {
        therapist: { interruption: Math.min(s, interruptions), interjection: 0, backchannel: s >= 100 ? 5 : 0 },
        client: { interruption: s >= 300 ? 1 : 0, interjection: 0, backchannel: 0 },
      },
      responses: s >= 10 ? 2 : 0,
      recentResponses:
        s >= 10
          ? [
              { rawMs: 700, correctedMs: 500 },
              { rawMs: 900, correctedMs: 700 },
            ]
          : [],
      connection: { rttMs: 120, jitterMs: 8, lossPct: 0.5, degraded: false },
    });
    addSample(
      agg,
      cursor,
      sample(s <= atCameraS ? 'at-camera' : 'at-screen', s <= backlitS ? 'backlit' : 'good', 'good', conv),
      startedAt + s * 1000,
      startedAt,
    );
  }
  return {
    version: RECORD_VERSION,
    id,
    site,
    startedAt,
    lastSeenAt: startedAt + 600_000,
    endedAt: startedAt + 600_000,
    open: null,
    aggregates: agg,
  };
}
