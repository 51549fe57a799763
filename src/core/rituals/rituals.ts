// Session rituals the teletherapy guides teach (issue 9), as cue candidates. Each cue is a nudge type
// under the same policy as the others (rate limits, never mid-story, snooze/quiet, per-type off): this
// module only says *when a ritual is due*; the nudge policy says whether it may be shown now.
//   narrate          typing through the client's turn (or a silence) for longer than `typingCueMs`
//                    — key presses are counted, never recorded; typing while the therapist speaks is fine
//   warm-start       once, early in the session: the check-in question and the backup plan
//   check-in         once, near the usual end: ask how the video format is working today
//   connection-drop  the remote video froze, or the connection is badly degraded, for `dropMs`
// Times are ms since the session started.

export type RitualType = 'narrate' | 'warm-start' | 'check-in' | 'connection-drop';
export type GazeState = 'at-camera' | 'at-screen' | 'away' | 'eyes-closed' | 'unknown';

export interface RitualInput {
  elapsedMs: number;
  /** key presses in the call tab since the previous update (counts only) */
  keys: number;
  therapistSpeaking: boolean | null;
  clientSpeaking: boolean | null;
  gaze: GazeState;
  /** null when no connection stats are known */
  rttMs: number | null;
  lossPct: number | null;
  /** how long the client's video has shown the same frame, ms; null when no remote video */
  remoteFrozenMs: number | null;
}

export interface RitualOptions {
  /** typing is on while at least `typingKeys` presses fall within `typingWindowMs` */
  typingKeys: number;
  typingWindowMs: number;
  /** a typing stretch (therapist not speaking) this long is cued */
  typingCueMs: number;
  /** a pause in typing longer than this ends the stretch */
  typingGapMs: number;
  /** looking away (down at the keyboard) counts as typing evidence while keys were pressed this recently */
  gazeTypingMs: number;
  warmStartAtMs: number;
  /** when the alliance check-in is due; Infinity turns it off */
  checkInAtMs: number;
  dropMs: number;
  dropRttMs: number;
  dropLossPct: number;
  /** the connection must be good this long before another drop is cued */
  dropRearmMs: number;
}

export const DEFAULT_RITUALS: RitualOptions = {
  typingKeys: 4,
  typingWindowMs: 3000,
  typingCueMs: 15_000,
  typingGapMs: 4000,
  gazeTypingMs: 6000,
  warmStartAtMs: 5000,
  checkInAtMs: 40 * 60_000,
  dropMs: 4000,
  dropRttMs: 800,
  dropLossPct: 8,
  dropRearmMs: 30_000,
};

/** The check-in is due at 80 % of the therapist's usual session length (50 min → 40 min). */
export function checkInAt(sessionMinutes: number): number {
  return Math.round(sessionMinutes * 0.8) * 60_000;
}

export interface RitualCue {
  type: RitualType;
  /** one or two words */
  text: string;
  icon: string;
  why: string;
  /** allowed during the calm start (first minute) */
  early: boolean;
}

const CUES: Record<RitualType, Omit<RitualCue, 'type'>> = {
  narrate: {
    text: 'Narrate',
    icon: '⌨',
    why: 'You have been typing while the client talks: say what you are noting, so the screen does not read as absence.',
    early: false,
  },
  'warm-start': {
    text: 'Check in',
    icon: '👋',
    why: 'Start warm: ask how they are feeling as you begin, and agree the backup plan if the video drops.',
    early: true,
  },
  'check-in': {
    text: 'Ask: video ok?',
    icon: '💬',
    why: 'Near the end: ask how the video format worked for the client today.',
    early: false,
  },
  'connection-drop': {
    text: 'Name the lag',
    icon: '📶',
    why: 'The connection dropped: say so out loud and use your backup plan ("if video drops, I\'ll call you").',
    early: true,
  },
};

export function ritualCue(type: RitualType): RitualCue {
  return { type, ...CUES[type] };
}

/** Key press times in a fixed ring: no allocation per update. */
class KeyWindow {
  private readonly times: Float64Array;
  private head = 0;
  private size = 0;
  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
  }
  add(atMs: number, count: number): void {
    for (let i = 0; i < count; i++) {
      this.times[this.head] = atMs;
      this.head = (this.head + 1) % this.times.length;
      this.size = Math.min(this.size + 1, this.times.length);
    }
  }
  countSince(sinceMs: number): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.times[i]! > sinceMs) n++;
    return n;
  }
}

export class Rituals {
  private readonly keysSeen: KeyWindow;
  private lastUpdateMs = Number.NaN;
  private lastKeyMs = Number.NEGATIVE_INFINITY;
  private lastTypingMs = Number.NEGATIVE_INFINITY;
  private stretchMs = 0;
  private stretchCued = false;
  private warmStartDone = false;
  private checkInDone = false;
  private dropSinceMs: number | null = null;
  private goodSinceMs = 0;
  private dropCued = false;
  /** seconds of typing through the client's turns this session (for the summary) */
  typingThroughClientMs = 0;

  private readonly options: RitualOptions;

  constructor(options: RitualOptions = DEFAULT_RITUALS) {
    this.options = { ...options };
    this.keysSeen = new KeyWindow(64);
  }

  /** A typing stretch is going on (keys within the gap): a due "narrate" still fits. */
  typingNow(): boolean {
    return this.stretchMs > 0;
  }

  /** The therapist may change their usual session length mid-session (options page). */
  setCheckInAt(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.options.checkInAtMs = ms;
  }

  /** The cues due at this update (usually none). */
  update(input: RitualInput): RitualCue[] {
    const o = this.options;
    const now = input.elapsedMs;
    const dt = Number.isNaN(this.lastUpdateMs) ? 0 : Math.max(0, Math.min(5000, now - this.lastUpdateMs));
    this.lastUpdateMs = now;
    const due: RitualCue[] = [];

    // Typing: key counts, helped by looking away while keys were pressed recently.
    const keys = Math.max(0, Math.min(1000, Math.floor(input.keys)));
    if (keys > 0) {
      this.keysSeen.add(now, keys);
      this.lastKeyMs = now;
    }
    const keyTyping = this.keysSeen.countSince(now - o.typingWindowMs) >= o.typingKeys;
    const gazeTyping = input.gaze === 'away' && now - this.lastKeyMs <= o.gazeTypingMs && this.stretchMs > 0;
    const typing = keyTyping || gazeTyping;
    if (typing) this.lastTypingMs = now;
    if (now - this.lastTypingMs > o.typingGapMs) {
      this.stretchMs = 0;
      this.stretchCued = false;
    } else if (typing && input.therapistSpeaking !== true) {
      this.stretchMs += dt;
      if (input.clientSpeaking === true) this.typingThroughClientMs += dt;
    }
    if (!this.stretchCued && this.stretchMs >= o.typingCueMs) {
      this.stretchCued = true;
      due.push(ritualCue('narrate'));
    }

    if (!this.warmStartDone && now >= o.warmStartAtMs) {
      this.warmStartDone = true;
      due.push(ritualCue('warm-start'));
    }
    if (!this.checkInDone && now >= o.checkInAtMs) {
      this.checkInDone = true;
      due.push(ritualCue('check-in'));
    }

    const bad =
      (input.remoteFrozenMs !== null && input.remoteFrozenMs >= o.dropMs) ||
      (input.rttMs !== null && input.rttMs >= o.dropRttMs) ||
      (input.lossPct !== null && input.lossPct >= o.dropLossPct);
    if (bad) {
      this.dropSinceMs ??= now - (input.remoteFrozenMs !== null && input.remoteFrozenMs >= o.dropMs ? input.remoteFrozenMs : 0);
      if (!this.dropCued && now - this.dropSinceMs >= o.dropMs) {
        this.dropCued = true;
        due.push(ritualCue('connection-drop'));
      }
    } else {
      if (this.dropSinceMs !== null) this.goodSinceMs = now;
      this.dropSinceMs = null;
      if (this.dropCued && now - this.goodSinceMs >= o.dropRearmMs) this.dropCued = false;
    }
    return due;
  }
}

export interface SessionSpan {
  startMs: number;
  endMs: number;
}

/** Video-session time today and this week (weeks start on Monday), in local time given as an offset. */
export function videoTime(spans: readonly SessionSpan[], nowMs: number, tzOffsetMin: number): { todayMs: number; weekMs: number } {
  const local = (t: number) => t - tzOffsetMin * 60_000;
  const day = 86_400_000;
  const todayStart = Math.floor(local(nowMs) / day) * day;
  const weekday = (new Date(todayStart).getUTCDay() + 6) % 7; // Monday = 0
  const weekStart = todayStart - weekday * day;
  let todayMs = 0;
  let weekMs = 0;
  for (const s of spans) {
    const a = local(s.startMs);
    const b = local(Math.min(s.endMs, nowMs));
    if (!(b > a)) continue;
    todayMs += Math.max(0, b - Math.max(a, todayStart));
    weekMs += Math.max(0, b - Math.max(a, weekStart));
  }
  return { todayMs, weekMs };
}

export interface BreakOptions {
  /** sessions closer than this run together as one stretch */
  gapMs: number;
  /** suggest a break once a stretch is this long */
  stretchMs: number;
}

export const DEFAULT_BREAK: BreakOptions = { gapMs: 15 * 60_000, stretchMs: 3 * 60 * 60_000 };

/** Length of the back-to-back stretch that ends at `nowMs` (0 when the last session ended long ago). */
export function backToBackMs(spans: readonly SessionSpan[], nowMs: number, options: BreakOptions = DEFAULT_BREAK): number {
  const sorted = [...spans].filter((s) => s.startMs <= nowMs).sort((a, b) => b.endMs - a.endMs);
  let edge = nowMs;
  let total = 0;
  for (const s of sorted) {
    if (edge - Math.min(s.endMs, nowMs) > options.gapMs) break;
    total += Math.min(s.endMs, nowMs) - s.startMs;
    edge = Math.min(edge, s.startMs);
  }
  return total;
}

export function suggestBreak(spans: readonly SessionSpan[], nowMs: number, options: BreakOptions = DEFAULT_BREAK): boolean {
  return backToBackMs(spans, nowMs, options) >= options.stretchMs;
}
