// What each nudge says: one or two words and an icon for the overlay, one line of "why" for the popup.
// Words are calm and practical; they name what to do, not what went wrong.

export const NUDGE_KINDS = [
  'look-away',
  'eye-contact',
  'lighting',
  'framing',
  'talk-over',
  'pause-beat',
  'pace',
  'voice-level',
  'connection',
  // session rituals (issue 9)
  'narrate',
  'warm-start',
  'check-in',
  'connection-drop',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

export interface NudgeMessage {
  type: NudgeKind;
  text: string;
  /** a single symbol the overlay renders; aria-hidden there, the text carries the meaning */
  icon: string;
  severity: 'info' | 'warn';
  why: string;
}

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

const LIGHTING_TEXT: Record<string, string> = {
  'too-dark': 'More light',
  overexposed: 'Less light',
  backlit: 'Backlit',
  'side-lit': 'Even light',
  'low-contrast': 'More light',
};
const FRAMING_TEXT: Record<string, string> = {
  'cut-off': 'Re-centre',
  'too-close': 'Sit back',
  'too-far': 'Move closer',
  'off-centre': 'Re-centre',
  'no-headroom': 'Tilt down',
  'too-much-headroom': 'Tilt up',
  tilted: 'Level camera',
};

export function lookAwayMessage(forMs: number): NudgeMessage {
  return { type: 'look-away', text: 'Look back', icon: '◉', severity: 'warn', why: `You looked away from the screen for ${secs(forMs)}.` };
}

export function eyeContactMessage(pct: number, targetPct: number, windowMs: number): NudgeMessage {
  return {
    type: 'eye-contact',
    text: 'Eye contact',
    icon: '◎',
    severity: 'info',
    why: `You looked at the camera ${Math.round(pct)} % of the last ${secs(windowMs)}; your target is ${targetPct} %.`,
  };
}

export function lightingMessage(kind: string, forMs: number, lightFrom: string | null): NudgeMessage {
  const from = kind === 'side-lit' && lightFrom ? ` (light from ${lightFrom.replace('-', ' ')})` : '';
  return {
    type: 'lighting',
    text: LIGHTING_TEXT[kind] ?? 'Lighting',
    icon: '☀',
    severity: 'warn',
    why: `Your face has been ${kind.replace('-', ' ')}${from} for ${secs(forMs)}.`,
  };
}

export function framingMessage(kind: string, forMs: number): NudgeMessage {
  return {
    type: 'framing',
    text: FRAMING_TEXT[kind] ?? 'Framing',
    icon: '⛶',
    severity: 'warn',
    why: `Your framing has been ${kind.replace(/-/g, ' ')} for ${secs(forMs)}.`,
  };
}

export function talkOverMessage(): NudgeMessage {
  return {
    type: 'talk-over',
    text: 'Listen first',
    icon: '✋',
    severity: 'warn',
    why: 'You started speaking while the client was mid-sentence.',
  };
}

export function pauseBeatMessage(rttMs: number | null): NudgeMessage {
  const rtt = rttMs === null ? '' : ` (round trip ${Math.round(rttMs)} ms)`;
  return {
    type: 'pause-beat',
    text: 'Pause a beat',
    icon: '⏸',
    severity: 'info',
    why: `The connection is slow${rtt} and you two are talking over each other: wait a moment before replying.`,
  };
}

export function voiceLevelMessage(level: string, forMs: number): NudgeMessage {
  const quiet = level === 'too-quiet';
  return {
    type: 'voice-level',
    text: quiet ? 'Speak up' : 'Mic lower',
    icon: '🎤',
    severity: 'warn',
    why: quiet ? `Your voice has been too quiet for ${secs(forMs)}.` : `Your microphone has been clipping for ${secs(forMs)}.`,
  };
}

export function connectionMessage(forMs: number): NudgeMessage {
  return {
    type: 'connection',
    text: 'Slow link',
    icon: '⚠',
    severity: 'info',
    why: `The connection has been degraded for ${secs(forMs)}.`,
  };
}
