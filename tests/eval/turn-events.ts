// Runs the turn-taking machine over finished segments (the truth timeline, or what the detectors found),
// so that truth and detection are described by exactly the same rules. Offline; allocates freely.
import {
  DEFAULT_TURN_TAKING,
  type Side,
  type TalkStats,
  type TalkOverKind,
  type TurnEvent,
  TurnTaking,
  type View,
} from '../../src/core/audio/turn-taking';

export interface Segment {
  side: Side;
  start: number;
  end: number;
}

export interface TalkOver {
  by: Side;
  atS: number;
  overlapS: number;
  kind: TalkOverKind;
}

export interface Described {
  talkOvers: TalkOver[];
  backchannels: { by: Side; atS: number; durationS: number }[];
  responses: { atS: number; gapS: number }[];
  stats: TalkStats;
}

/** An utterance includes its pauses shorter than this (the detector's redemption window), s. */
export const MERGE_PAUSE_S = 1.0;

/** Same-side segments closer than MERGE_PAUSE_S become one (how the detector would see them). */
export function mergePauses(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const side of ['local', 'remote'] as const) {
    const mine = segments.filter((s) => s.side === side).sort((a, b) => a.start - b.start);
    for (const s of mine) {
      const last = out.at(-1);
      if (last && last.side === side && s.start - last.end < MERGE_PAUSE_S) last.end = Math.max(last.end, s.end);
      else out.push({ ...s });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Describes a timeline in one view; the client view hears the therapist `rttMs` later. */
export function describe(segments: Segment[], view: View = 'therapist', rttMs = 0): Described {
  const out: Described = { talkOvers: [], backchannels: [], responses: [], stats: {} as TalkStats };
  const onEvent = (e: TurnEvent) => {
    if (e.type === 'talk-over') out.talkOvers.push({ by: e.by, atS: e.atMs / 1000, overlapS: e.overlapMs / 1000, kind: e.kind });
    else if (e.type === 'backchannel') out.backchannels.push({ by: e.by, atS: e.atMs / 1000, durationS: e.durationMs / 1000 });
    else out.responses.push({ atS: e.atMs / 1000, gapS: e.gapMs / 1000 });
  };
  const turns = new TurnTaking(onEvent, DEFAULT_TURN_TAKING, view);
  const shift = (s: Segment) => (view === 'client' && s.side === 'local' ? rttMs : 0);
  for (const s of [...segments].sort((a, b) => a.start - b.start)) {
    turns.speechStart(s.side, s.start * 1000 + shift(s));
    turns.speechEnd(s.side, s.end * 1000 + shift(s));
  }
  turns.advance(Infinity);
  turns.stats(out.stats);
  return out;
}
