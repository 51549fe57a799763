// Folds the conversation's events into the once-a-second summary the coach receives (ConversationSchema).
// Runs on the audio thread inside the worklet: the listener methods allocate nothing; `summary` builds one
// plain object a second.
import { type Conversation as ConversationCore, type ConversationListener } from '../core/audio/conversation';
import { type Side, type TalkStats, type TurnEvent } from '../core/audio/turn-taking';
import { type VoiceFeatures } from '../core/audio/voice-features';
import { type VadEvent } from '../core/audio/voice-activity';
import type { Conversation } from '../shared/protocol';

const RECENT_RESPONSES = 5;

interface TalkOverCounts {
  interruption: number;
  interjection: number;
  backchannel: number;
}

const counts = (): TalkOverCounts => ({ interruption: 0, interjection: 0, backchannel: 0 });
const round = (x: number) => Math.round(x);
const round1 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);

/** What the worklet's own clock and the bridge add to a summary. */
export interface SummaryContext {
  /** audio time of the end of the last block, ms */
  nowMs: number;
  /** whether each side is tapped at all (false: report null, not "silent") */
  localTapped: boolean;
  remoteTapped: boolean;
  /** the one-way delay has been measured (else corrected latencies are unknown) */
  delayKnown: boolean;
  processMsPerS: number | null;
}

export class ConversationTally implements ConversationListener {
  readonly talkOvers = { therapist: counts(), client: counts() };
  perceivedOverlaps = 0;
  responses = 0;
  /** ring of the last responses: raw gap and as the client hears it, ms */
  private readonly rawMs = new Float64Array(RECENT_RESPONSES);
  private readonly clientMs = new Float64Array(RECENT_RESPONSES);
  private responseHead = 0;
  private remoteStartMs = Number.NaN;
  private readonly stats: TalkStats = { localTalkMs: 0, remoteTalkMs: 0, localShare: Number.NaN, longestLocalMs: 0, longestRemoteMs: 0 };

  speech(side: Side, event: VadEvent): void {
    if (side !== 'remote') return;
    this.remoteStartMs = event.type === 'speech-start' ? event.atMs : Number.NaN;
  }

  turn(event: TurnEvent): void {
    if (event.view === 'client') {
      if (event.type === 'talk-over' && event.by === 'local') this.perceivedOverlaps++;
      return;
    }
    if (event.type === 'talk-over') this.side(event.by)[event.kind]++;
    else if (event.type === 'backchannel') this.side(event.by).backchannel++;
    else {
      this.rawMs[this.responseHead % RECENT_RESPONSES] = event.gapMs;
      this.clientMs[this.responseHead % RECENT_RESPONSES] = event.clientGapMs;
      this.responseHead++;
      this.responses++;
    }
  }

  private side(by: Side): TalkOverCounts {
    return by === 'local' ? this.talkOvers.therapist : this.talkOvers.client;
  }

  /** The summary the coach validates with ConversationSchema. */
  summary(conversation: ConversationCore, voice: VoiceFeatures, context: SummaryContext): Conversation {
    const stats = conversation.stats(this.stats);
    const recent: Conversation['recentResponses'] = [];
    for (let i = Math.max(0, this.responseHead - RECENT_RESPONSES); i < this.responseHead; i++) {
      recent.push({
        rawMs: round(this.rawMs[i % RECENT_RESPONSES]!),
        correctedMs: context.delayKnown ? round(this.clientMs[i % RECENT_RESPONSES]!) : null,
      });
    }
    const clientSpeaking = conversation.remoteSpeaking;
    return {
      therapistSpeaking: context.localTapped ? conversation.localSpeaking : null,
      clientSpeaking: context.remoteTapped ? clientSpeaking : null,
      clientTurnMs: clientSpeaking && Number.isFinite(this.remoteStartMs) ? round(Math.max(0, context.nowMs - this.remoteStartMs)) : 0,
      talkMs: { therapist: round(stats.localTalkMs), client: round(stats.remoteTalkMs) },
      longestMs: { therapist: round(stats.longestLocalMs), client: round(stats.longestRemoteMs) },
      talkOvers: { therapist: { ...this.talkOvers.therapist }, client: { ...this.talkOvers.client } },
      perceivedOverlaps: Math.min(1000, this.perceivedOverlaps),
      responses: Math.min(1000, this.responses),
      recentResponses: recent,
      voice: { rateSps: round1(voice.rateSps), pitchVarSt: round1(voice.pitchVarSt()), level: voice.level },
      connection: null,
      processMsPerS: round1(context.processMsPerS),
    };
  }
}
