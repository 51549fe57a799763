// What happened to the calls, in words, for diagnostics (issue 8: "diagnostics says what happened"):
// a short log of lifecycle events (a camera switched, the mic muted, a page reloaded mid-session, a
// session continued or ended, the service worker restarted, the extension updated). Pure: the
// service worker feeds it and keeps it in storage.session with the pipeline state.
import type { PipelineEvent, Taps } from '../shared/protocol';

/** The log keeps this many events, newest last. */
export const MAX_EVENTS = 50;

export function appendEvent(events: PipelineEvent[], event: PipelineEvent, max = MAX_EVENTS): void {
  events.push(event);
  if (events.length > max) events.splice(0, events.length - max);
}

/** Events worth telling from one frame's taps changing (`before` null: its call just started). */
export function tapsEvents(before: Taps | null, after: Taps): string[] {
  if (!before) return [];
  const events: string[] = [];
  if (after.cameraSwitches > before.cameraSwitches) events.push('camera switched: the coach follows the new camera track');
  if (after.micMuted !== before.micMuted) events.push(after.micMuted ? 'mic muted by the page' : 'mic un-muted');
  if (before.localVideo && !after.localVideo) events.push('camera track stopped');
  if (after.sharing !== before.sharing) events.push(after.sharing ? 'screen sharing: overlay hidden' : 'screen sharing stopped');
  return events;
}
