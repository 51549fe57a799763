// Who has the floor, from the speech segments of both sides (local = therapist, remote = client), in one
// time frame. Definitions (units ms; the same rules score the truth in tests/eval):
//   backchannel   an utterance shorter than `backchannelMs` that overlaps the other's speech ("mm-hm"):
//                 reported, never flagged
//   talk-over     X starts while Y speaks and X's utterance is at least `backchannelMs` long:
//                   interruption  Y stops at least `minOverlapMs` after X started, while X goes on (X took the floor)
//                   interjection  X stops first; Y kept the floor
//                 Y stopping within `minOverlapMs` of X's start is a quick hand-over, not a talk-over.
//   floor         passes to a side when one of its utterances reaches `backchannelMs` and the other side is
//                 silent (or falls silent); a monologue is a side's time on the floor, first start to last end
//   response      the therapist takes the floor from the client: gap = therapist start − client's last end
//                 (negative for a quick hand-over); `clientGapMs` adds the round trip, as the client hears it.
//                 Only the therapist view reports responses; the client view reports overlaps.
// Silence is nobody's fault: a client's pause produces no event and does not count against anything.
// Boundaries arrive late (the detectors back-date them) and are merged in time order once `advance` says
// both sides are settled. Event objects are reused: read them in the listener, copy what you keep.
import { BoundaryQueue } from './boundary-queue';

export type Side = 'local' | 'remote';
/** whose timeline: what the therapist hears, or what the client hears (therapist shifted by the round trip) */
export type View = 'therapist' | 'client';
export type TalkOverKind = 'interjection' | 'interruption';

export type TurnEvent =
  | {
      readonly type: 'talk-over';
      readonly view: View;
      readonly by: Side;
      readonly atMs: number;
      readonly overlapMs: number;
      readonly kind: TalkOverKind;
    }
  | { readonly type: 'backchannel'; readonly view: View; readonly by: Side; readonly atMs: number; readonly durationMs: number }
  | { readonly type: 'response'; readonly view: View; readonly atMs: number; readonly gapMs: number; readonly clientGapMs: number };

export interface TurnTakingOptions {
  /** utterances shorter than this are backchannels, never talk-overs, ms */
  backchannelMs: number;
  /** overlap shorter than this at the end of the other's utterance is a hand-over, ms */
  minOverlapMs: number;
}

export const DEFAULT_TURN_TAKING: TurnTakingOptions = { backchannelMs: 500, minOverlapMs: 250 };

export interface TalkStats {
  localTalkMs: number;
  remoteTalkMs: number;
  /** local share of all talk, 0–1; NaN before anyone spoke */
  localShare: number;
  longestLocalMs: number;
  longestRemoteMs: number;
}

class SideState {
  on = false;
  startMs = 0;
  lastEndMs = -Infinity;
  talkMs = 0;
  /** the current utterance has reached backchannelMs */
  qualified = false;
  /** this side started the current utterance over the other */
  over = false;
  /** when the other stopped during that overlap; NaN while it goes on */
  otherEndMs = Number.NaN;
  floorStartMs = 0;
  floorLastEndMs = 0;
  longestMs = 0;
  readonly queue = new BoundaryQueue();
}

const SIDES: readonly Side[] = ['local', 'remote'];

export class TurnTaking {
  /** one-way network delay, ms (RTT / 2 from getStats); used for clientGapMs */
  oneWayDelayMs = 0;
  private readonly sides = [new SideState(), new SideState()] as const;
  private floor = -1;
  private nowMs = -Infinity;
  private responseEligible = false;
  private remoteOnAtLocalStart = false;
  private remoteEndBeforeLocal = -Infinity;
  private readonly talkOver = {
    type: 'talk-over' as const,
    view: 'therapist' as View,
    by: 'local' as Side,
    atMs: 0,
    overlapMs: 0,
    kind: 'interjection' as TalkOverKind,
  };
  private readonly backchannel = { type: 'backchannel' as const, view: 'therapist' as View, by: 'local' as Side, atMs: 0, durationMs: 0 };
  private readonly response = { type: 'response' as const, view: 'therapist' as View, atMs: 0, gapMs: 0, clientGapMs: 0 };

  constructor(
    private readonly onEvent: (event: TurnEvent) => void,
    private readonly options: TurnTakingOptions = DEFAULT_TURN_TAKING,
    private readonly view: View = 'therapist',
  ) {
    this.talkOver.view = this.backchannel.view = this.response.view = view;
  }

  /** Queues a boundary; times of one side must not decrease. */
  speechStart(side: Side, atMs: number): void {
    this.sides[side === 'local' ? 0 : 1].queue.push(atMs, true);
  }

  speechEnd(side: Side, atMs: number): void {
    this.sides[side === 'local' ? 0 : 1].queue.push(atMs, false);
  }

  /** Applies every queued boundary up to `settledMs`: no boundary earlier than that can still arrive. */
  advance(settledMs: number): void {
    // Indexing, not `const [a, b] = this.sides`: array destructuring runs the iterator protocol and allocates.
    const a = this.sides[0];
    const b = this.sides[1];
    for (;;) {
      const next = Math.min(a.queue.peekTime(), b.queue.peekTime());
      if (next > settledMs || next === Infinity) break;
      this.fireDeadlines(next);
      // At equal times an end goes first: one side stopping as the other starts is not an overlap.
      const first = a.queue.peekTime() === next && (b.queue.peekTime() !== next || !a.queue.peekIsStart()) ? 0 : 1;
      const q = this.sides[first].queue;
      if (q.peekIsStart()) this.start(first, next);
      else this.end(first, next);
      q.pop();
    }
    this.fireDeadlines(settledMs);
    this.nowMs = Math.max(this.nowMs, settledMs);
  }

  /** Talk time, share and longest monologues up to the last settled time (open utterances included). */
  stats(into: TalkStats): TalkStats {
    const local = this.sides[0];
    const remote = this.sides[1];
    into.localTalkMs = local.talkMs + (local.on ? Math.max(0, this.nowMs - local.startMs) : 0);
    into.remoteTalkMs = remote.talkMs + (remote.on ? Math.max(0, this.nowMs - remote.startMs) : 0);
    const total = into.localTalkMs + into.remoteTalkMs;
    into.localShare = total > 0 ? into.localTalkMs / total : Number.NaN;
    into.longestLocalMs = Math.max(local.longestMs, this.floor === 0 ? this.currentMonologue(local) : 0);
    into.longestRemoteMs = Math.max(remote.longestMs, this.floor === 1 ? this.currentMonologue(remote) : 0);
    return into;
  }

  private currentMonologue(s: SideState): number {
    return (s.on ? this.nowMs : s.floorLastEndMs) - s.floorStartMs;
  }

  /** Utterances that reach backchannelMs before `t`, in time order. */
  private fireDeadlines(t: number): void {
    for (;;) {
      let who = -1;
      let when = Infinity;
      for (let i = 0; i < 2; i++) {
        const s = this.sides[i]!;
        const deadline = s.startMs + this.options.backchannelMs;
        if (s.on && !s.qualified && deadline <= t && deadline < when) {
          who = i;
          when = deadline;
        }
      }
      if (who < 0) return;
      this.qualify(who);
    }
  }

  private start(i: number, t: number): void {
    const s = this.sides[i]!;
    const other = this.sides[1 - i]!;
    s.on = true;
    s.startMs = t;
    s.qualified = false;
    s.over = other.on;
    s.otherEndMs = Number.NaN;
    if (i === 0) {
      this.responseEligible = this.floor === 1;
      this.remoteOnAtLocalStart = other.on;
      this.remoteEndBeforeLocal = other.lastEndMs;
    }
  }

  private end(i: number, t: number): void {
    const s = this.sides[i]!;
    const other = this.sides[1 - i]!;
    const duration = t - s.startMs;
    s.on = false;
    s.talkMs += duration;
    s.lastEndMs = t;
    if (this.floor === i) s.floorLastEndMs = t;
    if (s.over) {
      if (duration < this.options.backchannelMs) this.emitBackchannel(i, s.startMs, duration);
      else if (Number.isNaN(s.otherEndMs)) this.emitTalkOver(i, s.startMs, duration, 'interjection');
      s.over = false;
    }
    if (other.over && Number.isNaN(other.otherEndMs)) {
      other.otherEndMs = t;
      if (other.qualified) this.resolveInterruption(1 - i);
    }
    if (other.on && other.qualified) this.takeFloor(1 - i);
  }

  private qualify(i: number): void {
    const s = this.sides[i]!;
    s.qualified = true;
    if (s.over && !Number.isNaN(s.otherEndMs)) this.resolveInterruption(i);
    if (i === 0 && this.responseEligible && this.view === 'therapist') this.emitResponse(s.startMs);
    // Talking over someone who goes on talking does not take the floor (an interjection); they must stop.
    if (!this.sides[1 - i]!.on) this.takeFloor(i);
  }

  private takeFloor(i: number): void {
    if (this.floor === i) return;
    if (this.floor >= 0) {
      const holder = this.sides[this.floor]!;
      holder.longestMs = Math.max(holder.longestMs, holder.floorLastEndMs - holder.floorStartMs);
    }
    const s = this.sides[i]!;
    this.floor = i;
    s.floorStartMs = s.startMs;
    s.floorLastEndMs = s.startMs;
  }

  /** Side i started over the other, the other has stopped, and i has spoken long enough. */
  private resolveInterruption(i: number): void {
    const s = this.sides[i]!;
    const overlap = s.otherEndMs - s.startMs;
    if (overlap >= this.options.minOverlapMs) this.emitTalkOver(i, s.startMs, overlap, 'interruption');
    s.over = false; // resolved: a hand-over or an interruption, never also an interjection
  }

  private emitResponse(localStartMs: number): void {
    this.responseEligible = false;
    const local = this.sides[0];
    let remoteEnd = this.remoteEndBeforeLocal;
    if (this.remoteOnAtLocalStart) {
      // Only a quick hand-over counts: the client stopped within minOverlapMs of the therapist's start.
      if (Number.isNaN(local.otherEndMs) || local.otherEndMs - localStartMs >= this.options.minOverlapMs) return;
      remoteEnd = local.otherEndMs;
    }
    this.response.atMs = localStartMs;
    this.response.gapMs = localStartMs - remoteEnd;
    this.response.clientGapMs = this.response.gapMs + 2 * this.oneWayDelayMs;
    this.onEvent(this.response);
  }

  private emitTalkOver(i: number, atMs: number, overlapMs: number, kind: TalkOverKind): void {
    this.talkOver.by = SIDES[i]!;
    this.talkOver.atMs = atMs;
    this.talkOver.overlapMs = overlapMs;
    this.talkOver.kind = kind;
    this.onEvent(this.talkOver);
  }

  private emitBackchannel(i: number, atMs: number, durationMs: number): void {
    this.backchannel.by = SIDES[i]!;
    this.backchannel.atMs = atMs;
    this.backchannel.durationMs = durationMs;
    this.onEvent(this.backchannel);
  }
}
