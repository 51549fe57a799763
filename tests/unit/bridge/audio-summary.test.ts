// The worklet's once-a-second summary, from the real-voice dialogue the conversation tests use: it must
// pass the coach's schema and carry the events the timeline's truth says happened.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConversationTally } from '../../../src/bridge/audio-summary';
import { Conversation } from '../../../src/core/audio/conversation';
import { VoiceFeatures } from '../../../src/core/audio/voice-features';
import { ConversationSchema } from '../../../src/shared/protocol';
import { type DialogueScript } from '../../eval/dialogue-scripts';
import { renderDialogue } from '../../eval/mix';
import { describe as describeTimeline, mergePauses } from '../../eval/turn-events';
import { sharedFile } from '../../support/paths';

const script: DialogueScript = {
  name: 'summary',
  sampleRate: 48000,
  rttMs: 300,
  echoDb: -5,
  echoDelayMs: 40,
  therapistDb: 0,
  steps: [
    { side: 'remote', clip: 'c2', after: 300 },
    { side: 'local', clip: 'b7', during: 1200 }, // a backchannel
    { side: 'local', clip: 't3', after: 600 }, // a response
    { side: 'remote', clip: 'c10', during: 500 }, // the client interjects
    { side: 'remote', clip: 'c8', after: -900 }, // and then takes over
    { side: 'local', clip: 't2', after: 800 }, // a response
  ],
};

describe('ConversationTally', () => {
  const rendered = renderDialogue(script, sharedFile('media/audio'));
  const tally = new ConversationTally();
  const voice = new VoiceFeatures();
  const conversation = new Conversation(rendered.sampleRate, {
    speech: (side, e) => tally.speech(side, e),
    turn: (e) => tally.turn(e),
    localFrame: (frame, features, speaking) => voice.update(frame, features, speaking),
  });
  conversation.setOneWayDelay(script.rttMs / 2);
  const block = 128;
  const summaries: unknown[] = [];
  const { local, remote } = rendered;
  for (let at = 0; at + block <= local.length; at += block) {
    conversation.process(local.subarray(at, at + block), remote.subarray(at, at + block), (at * 1000) / rendered.sampleRate);
    if ((at / block) % 375 === 0) {
      const context = {
        nowMs: ((at + block) * 1000) / rendered.sampleRate,
        localTapped: true,
        remoteTapped: true,
        delayKnown: true,
        processMsPerS: 12.3,
      };
      summaries.push(tally.summary(conversation, voice, context));
    }
  }
  conversation.flush();
  const last = tally.summary(conversation, voice, {
    nowMs: (local.length * 1000) / rendered.sampleRate,
    localTapped: true,
    remoteTapped: false,
    delayKnown: true,
    processMsPerS: null,
  });
  const truth = describeTimeline(mergePauses(rendered.segments));

  it('produces summaries the coach accepts', () => {
    for (const s of [...summaries, last]) expect(v.safeParse(ConversationSchema, s).success).toBe(true);
  });

  it('counts the talk-overs, backchannels and responses of the timeline by side', () => {
    const by = (side: 'local' | 'remote', kind: string) => truth.talkOvers.filter((t) => t.by === side && t.kind === kind).length;
    expect(last.talkOvers.client.interjection).toBe(by('remote', 'interjection'));
    expect(last.talkOvers.client.interruption).toBe(by('remote', 'interruption'));
    expect(last.talkOvers.therapist.interjection + last.talkOvers.therapist.interruption).toBe(0);
    expect(last.talkOvers.therapist.backchannel).toBe(truth.backchannels.filter((b) => b.by === 'local').length);
    expect(last.responses).toBe(truth.responses.length);
    expect(last.recentResponses).toHaveLength(truth.responses.length);
    last.recentResponses.forEach((r, i) => {
      expect(Math.abs(r.rawMs / 1000 - truth.responses[i]!.gapS)).toBeLessThan(0.1);
      expect(r.correctedMs! - r.rawMs).toBe(script.rttMs);
    });
  });

  it('reports talk time close to the truth and says null for an untapped side', () => {
    const talk = (side: 'local' | 'remote') =>
      rendered.segments.filter((s) => s.side === side).reduce((a, s) => a + (s.end - s.start) * 1000, 0);
    expect(Math.abs(last.talkMs.therapist - talk('local'))).toBeLessThan(0.15 * talk('local') + 300);
    expect(Math.abs(last.talkMs.client - talk('remote'))).toBeLessThan(0.15 * talk('remote') + 300);
    expect(last.clientSpeaking).toBeNull();
    expect(last.therapistSpeaking).toBe(false);
    expect(last.clientTurnMs).toBe(0);
  });

  it('marks corrected latencies unknown until the delay is measured', () => {
    const s = tally.summary(conversation, voice, {
      nowMs: 0,
      localTapped: true,
      remoteTapped: true,
      delayKnown: false,
      processMsPerS: null,
    });
    expect(s.recentResponses.every((r) => r.correctedMs === null)).toBe(true);
  });
});
