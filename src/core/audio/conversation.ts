// Both sides of a call, block by block: the whole audio path the AudioWorklet glue calls. Pure; every buffer
// and event object is made in a constructor, so a block allocates nothing of ours (V8 may still box a few
// numbers between functions it does not inline: ~50–70 bytes per 10 ms, tests/unit/audio/conversation.test.ts).
// Per 10 ms frame: remote → features, score, voice activity; local → features,
// score, echo gate against the remote, voice activity; boundaries → turn-taking twice, once as the
// therapist hears the call and once as the client does (therapist shifted later by the round trip, so a
// start into what sounded like silence can still land on the client's resumed speech).
import { DEFAULT_ECHO_GATE, EchoGate, type EchoGateOptions } from './echo-gate';
import { type FrameFeatures } from './frame-features';
import { FRAME_MS, Framer, frameLength } from './framer';
import { NOT_SPEECH } from './speech-score';
import { DEFAULT_STREAM_VAD, StreamVad, type StreamVadOptions } from './stream-vad';
import { DEFAULT_TURN_TAKING, type Side, type TalkStats, type TurnEvent, TurnTaking, type TurnTakingOptions } from './turn-taking';
import { type VadEvent } from './voice-activity';

export interface ConversationOptions {
  vad: StreamVadOptions;
  echo: EchoGateOptions;
  turns: TurnTakingOptions;
}

export const DEFAULT_CONVERSATION: ConversationOptions = { vad: DEFAULT_STREAM_VAD, echo: DEFAULT_ECHO_GATE, turns: DEFAULT_TURN_TAKING };

export interface ConversationListener {
  /** speech-start / speech-end of one side (local after the echo gate); the event is reused */
  speech?(side: Side, event: VadEvent): void;
  /** talk-over, backchannel, response; the event is reused */
  turn?(event: TurnEvent): void;
  /** every 10 ms local frame after its analysis: samples, features, and whether the therapist speaks (echo gated) */
  localFrame?(frame: Float32Array, features: FrameFeatures, speaking: boolean): void;
}

export class Conversation {
  readonly echoGate: EchoGate;
  readonly local: StreamVad;
  readonly remote: StreamVad;
  private readonly localFramer: Framer;
  private readonly remoteFramer: Framer;
  private readonly heard: TurnTaking;
  private readonly perceived: TurnTaking;
  private readonly sampleRate: number;
  private oneWayDelayMs = 0;
  private lastShiftedLocalMs = -Infinity;

  constructor(
    sampleRate: number,
    private readonly listener: ConversationListener,
    options: ConversationOptions = DEFAULT_CONVERSATION,
  ) {
    this.sampleRate = sampleRate;
    this.local = new StreamVad(sampleRate, options.vad);
    this.remote = new StreamVad(sampleRate, options.vad);
    this.localFramer = new Framer(frameLength(sampleRate));
    this.remoteFramer = new Framer(frameLength(sampleRate));
    this.echoGate = new EchoGate(FRAME_MS, this.local.features.narrowband.binDb.length, options.echo);
    const forward = (event: TurnEvent) => listener.turn?.(event);
    this.heard = new TurnTaking(forward, options.turns, 'therapist');
    this.perceived = new TurnTaking(forward, options.turns, 'client');
  }

  /** One-way network delay, ms (RTT / 2 from getStats), kept to the whole ms; NaN or negative is ignored. */
  setOneWayDelay(ms: number): void {
    if (!(ms >= 0)) return;
    this.oneWayDelayMs = Math.round(ms);
    this.heard.oneWayDelayMs = this.oneWayDelayMs;
    this.perceived.oneWayDelayMs = this.oneWayDelayMs;
  }

  /** Two blocks of the same length covering the same instant; `startMs` is the time of their first sample. */
  process(local: Float32Array, remote: Float32Array, startMs: number): void {
    if (local.length !== remote.length) throw new RangeError(`local and remote blocks differ: ${local.length} vs ${remote.length} samples`);
    for (let i = 0; i < local.length;) {
      const n = this.localFramer.fill(local, i);
      this.remoteFramer.fill(remote, i);
      i += n;
      if (!this.localFramer.full) continue;
      // Whole milliseconds: enough for 10 ms frames, and V8 passes small integers without boxing them
      // (a fractional double handed to a call it does not inline is a heap allocation).
      this.frame(Math.round(startMs + (i * 1000) / this.sampleRate) - FRAME_MS);
      this.localFramer.clear();
      this.remoteFramer.clear();
    }
  }

  /** Ends open utterances (the call ended, a track stopped) and settles everything. */
  flush(): void {
    for (const side of ['local', 'remote'] as const) {
      const event = (side === 'local' ? this.local : this.remote).activity.flush();
      if (event) this.boundary(side, event);
    }
    this.heard.advance(Infinity);
    this.perceived.advance(Infinity);
  }

  /** Whether each side is speaking now (the detectors' online state; the local one after the echo gate). */
  get localSpeaking(): boolean {
    return this.local.speaking;
  }

  get remoteSpeaking(): boolean {
    return this.remote.speaking;
  }

  stats(into: TalkStats): TalkStats {
    return this.heard.stats(into);
  }

  private frame(startMs: number): void {
    const { local, remote } = this;
    remote.analyse(this.remoteFramer.frame);
    const remoteEvent = remote.decide(remote.score, startMs);
    if (remoteEvent) this.boundary('remote', remoteEvent);

    local.analyse(this.localFramer.frame);
    const echo = this.echoGate.update(local.features, remote.features, remote.levelAboveFloorDb);
    const localEvent = local.decide(echo ? NOT_SPEECH : local.score, startMs);
    if (localEvent) this.boundary('local', localEvent);
    this.listener.localFrame?.(this.localFramer.frame, local.features, local.speaking);

    this.settle();
  }

  /** Lets turn-taking apply what both detectors can no longer revise. */
  private settle(): void {
    const localSettled = this.local.activity.settledMs;
    const remoteSettled = this.remote.activity.settledMs;
    this.heard.advance(Math.min(localSettled, remoteSettled));
    this.perceived.advance(Math.min(localSettled + 2 * this.oneWayDelayMs, remoteSettled));
  }

  private boundary(side: Side, event: VadEvent): void {
    this.listener.speech?.(side, event);
    const start = event.type === 'speech-start';
    if (start) this.heard.speechStart(side, event.atMs);
    else this.heard.speechEnd(side, event.atMs);
    // The client hears the therapist one round trip later than the therapist hears the client.
    let at = event.atMs;
    if (side === 'local') {
      at = Math.max(at + 2 * this.oneWayDelayMs, this.lastShiftedLocalMs);
      this.lastShiftedLocalMs = at;
    }
    if (start) this.perceived.speechStart(side, at);
    else this.perceived.speechEnd(side, at);
  }
}
