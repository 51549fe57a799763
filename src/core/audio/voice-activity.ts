// Speech / no speech for one stream, as a state machine over per-frame scores (modelled on ricky0123/vad's
// FrameProcessor, packages/web/src/frame-processor.ts). The score comes from any model — here dB above
// the noise floor — so a neural model can replace it without touching the machine.
//   silence ──score ≥ positive──▶ onset ──minSpeechMs of frames ≥ positive──▶ speech   (emits speech-start)
//   onset ──minSpeechMs below negative──▶ silence                                      (a click: no event)
//   speech ──redemptionMs below negative──▶ silence                                     (emits speech-end)
// Two thresholds give hysteresis: a frame at or above `negative` keeps speech going. Events carry the
// time speech really started and ended — the start reaches back over the run of frames at or above
// `negative` before the first loud one (up to lookbackMs; soft onsets), the end is the last such frame — so
// they arrive late by minSpeechMs / redemptionMs but are not late in what they say.

export interface VoiceActivityOptions {
  /** score at or above which a frame is speech, to start */
  positive: number;
  /** score below which a frame counts toward ending (at or above it keeps speech going) */
  negative: number;
  /** speech frames needed before speech-start is emitted, ms */
  minSpeechMs: number;
  /** quiet needed before speech-end is emitted: pauses shorter than this stay inside one segment, ms */
  redemptionMs: number;
  /** how far speech-start may reach back over frames at or above `negative` before the first loud one, ms */
  lookbackMs: number;
}

export type VadEvent =
  | { readonly type: 'speech-start'; readonly atMs: number }
  | { readonly type: 'speech-end'; readonly atMs: number; readonly startMs: number };

type State = 'silence' | 'onset' | 'speech';

export class VoiceActivity {
  /**
   * Boundaries before this time are final: no later event will be dated earlier. Lets a consumer merge two
   * streams in time order without waiting for a fixed worst case. Updated by every `update`.
   */
  settledMs = -Infinity;
  private state: State = 'silence';
  private readonly minSpeechFrames: number;
  private readonly redemptionFrames: number;
  private speechFrames = 0;
  private quietFrames = 0;
  private startMs = 0;
  private lastSpeechEndMs = 0;
  /** start of the current run of frames at or above `negative` */
  private holdingSinceMs = 0;
  // Two event objects, reused: an event is valid until the next update (no allocation per frame).
  private readonly started = { type: 'speech-start' as const, atMs: 0 };
  private readonly ended = { type: 'speech-end' as const, atMs: 0, startMs: 0 };

  constructor(
    private readonly options: VoiceActivityOptions,
    private readonly frameMs: number,
  ) {
    if (!(options.negative <= options.positive)) {
      throw new RangeError(`negative threshold (${options.negative}) must not exceed positive (${options.positive})`);
    }
    if (!(options.minSpeechMs >= 0 && options.redemptionMs >= frameMs && options.lookbackMs >= 0)) {
      throw new RangeError(
        `need minSpeechMs ≥ 0, redemptionMs ≥ one frame (${frameMs} ms) and lookbackMs ≥ 0, got ${options.minSpeechMs}, ${options.redemptionMs}, ${options.lookbackMs}`,
      );
    }
    this.minSpeechFrames = Math.max(1, Math.round(options.minSpeechMs / frameMs));
    this.redemptionFrames = Math.round(options.redemptionMs / frameMs);
  }

  /** True from speech-start until speech-end (including the redemption window). */
  get speaking(): boolean {
    return this.state === 'speech';
  }

  /** Feeds one frame's score; returns the event it causes, if any (valid until the next call). */
  update(score: number, frameStartMs: number): VadEvent | null {
    const event = this.step(score, frameStartMs);
    const frameEndMs = frameStartMs + this.frameMs;
    if (this.state === 'onset') this.settledMs = this.startMs;
    else if (this.state === 'speech') this.settledMs = this.lastSpeechEndMs;
    else this.settledMs = Math.max(this.holdingSinceMs, frameEndMs - this.options.lookbackMs);
    return event;
  }

  private step(score: number, frameStartMs: number): VadEvent | null {
    const frameEndMs = frameStartMs + this.frameMs;
    const loud = score >= this.options.positive;
    const holding = score >= this.options.negative;
    if (!holding) this.holdingSinceMs = frameEndMs;
    if (this.state === 'silence') {
      if (!loud) return null;
      this.state = 'onset';
      this.startMs = Math.max(this.holdingSinceMs, frameStartMs - this.options.lookbackMs);
      this.speechFrames = 0;
      this.quietFrames = 0;
    }
    if (this.state === 'onset') {
      if (loud) {
        this.quietFrames = 0;
        this.lastSpeechEndMs = frameEndMs;
        if (++this.speechFrames >= this.minSpeechFrames) {
          this.state = 'speech';
          this.started.atMs = this.startMs;
          return this.started;
        }
      } else if (!holding && ++this.quietFrames >= this.minSpeechFrames) {
        this.state = 'silence';
      }
      return null;
    }
    if (holding) {
      this.quietFrames = 0;
      this.lastSpeechEndMs = frameEndMs;
    } else if (++this.quietFrames >= this.redemptionFrames) {
      this.state = 'silence';
      this.ended.atMs = this.lastSpeechEndMs;
      this.ended.startMs = this.startMs;
      return this.ended;
    }
    return null;
  }

  /** Ends an open segment now (stream stopped or muted); returns speech-end if one was open. */
  flush(): VadEvent | null {
    const wasSpeaking = this.state === 'speech';
    this.state = 'silence';
    if (!wasSpeaking) return null;
    this.ended.atMs = this.lastSpeechEndMs;
    this.ended.startMs = this.startMs;
    return this.ended;
  }
}
