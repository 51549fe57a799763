// Synthetic coach samples with known truth, built like the coach builds them: cumulative counters.
import type { SampleConversation, SessionSample } from '../../../src/core/session/sample';

export function conversation(over: Partial<SampleConversation> = {}): SampleConversation {
  return {
    talkMs: { therapist: 0, client: 0 },
    longestMs: { therapist: 0, client: 0 },
    talkOvers: {
      therapist: { interruption: 0, interjection: 0, backchannel: 0 },
      client: { interruption: 0, interjection: 0, backchannel: 0 },
    },
    perceivedOverlaps: 0,
    responses: 0,
    recentResponses: [],
    connection: null,
    ...over,
  };
}

export function sample(gaze: string, lighting = 'good', framing = 'good', conv?: SampleConversation | null): SessionSample {
  return { presence: gaze === 'unknown' ? 'no-face' : 'face', vision: { gaze, lighting, framing }, conversation: conv };
}
