// When the frame pump should stop sending (issue 7: back off "when the camera is off or the tab is
// hidden"). Camera off (the page muted or disabled its track: frames are black or absent) pauses at
// once. A hidden page pauses only after a grace period: a glance at another tab keeps the coach
// current, a call tab left in the background for longer stops costing CPU.

export interface PauseInputs {
  /** the camera track's `muted` (the source sends nothing) */
  muted: boolean;
  /** the camera track's `enabled` (false: the page switched the camera off, frames are black) */
  enabled: boolean;
  /** ms the page became hidden, null while visible */
  hiddenSince: number | null;
}

export type PauseReason = 'camera-off' | 'hidden' | null;

export function pauseReason(inputs: PauseInputs, nowMs: number, hiddenGraceMs: number): PauseReason {
  if (inputs.muted || !inputs.enabled) return 'camera-off';
  if (inputs.hiddenSince !== null && nowMs - inputs.hiddenSince >= hiddenGraceMs) return 'hidden';
  return null;
}
