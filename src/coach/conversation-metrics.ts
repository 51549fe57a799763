// The conversation summaries from the bridge's audio worklet (about one a second on the hello's audio
// port), validated here at the receiving edge: the bridge shares a DOM with the page, so treat what comes
// in as untrusted. The newest valid summary goes into CoachMetrics.conversation; one older than
// `STALE_MS` (the tap stopped, the page's audio went away) reads as null, never as stale numbers.
import * as v from 'valibot';
import { type Conversation, ConversationSchema } from '../shared/protocol';

/** Typing and remote-video stalls, from the bridge on the same port about once a second (issue 9). */
export const ActivitySchema = v.object({
  type: v.literal('activity'),
  keys: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
  remoteFrozenMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
});
export type Activity = v.InferOutput<typeof ActivitySchema>;

const STALE_MS = 5000; // five missed summaries: the coach page may be throttled, the machine loaded

export class ConversationMetrics {
  private latest: Conversation | null = null;
  private at = -Infinity;
  /** summaries refused by the schema (a bug or a forgery), for diagnostics */
  rejected = 0;
  private keys = 0;
  private remoteFrozenMs: number | null = null;
  private activityAt = -Infinity;

  /** Key presses since the last call and the remote video's stall; null when the bridge has gone quiet. */
  takeActivity(nowMs: number): { keys: number; remoteFrozenMs: number | null } | null {
    if (nowMs - this.activityAt > STALE_MS) return null;
    const keys = this.keys;
    this.keys = 0;
    return { keys, remoteFrozenMs: this.remoteFrozenMs };
  }

  /** Listens on the audio port until `signal` aborts. */
  listen(port: MessagePort, now: () => number, signal: AbortSignal): void {
    port.addEventListener('message', (event: MessageEvent<unknown>) => this.add(event.data, now()), { signal });
    port.start();
    signal.addEventListener('abort', () => port.close(), { once: true });
  }

  add(data: unknown, nowMs: number): boolean {
    if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'activity') {
      const activity = v.safeParse(ActivitySchema, data);
      if (!activity.success) {
        this.rejected++;
        return false;
      }
      this.keys += activity.output.keys;
      this.remoteFrozenMs = activity.output.remoteFrozenMs;
      this.activityAt = nowMs;
      return true;
    }
    const parsed = v.safeParse(ConversationSchema, data);
    if (!parsed.success) {
      this.rejected++;
      return false;
    }
    this.latest = parsed.output;
    this.at = nowMs;
    return true;
  }

  current(nowMs: number): Conversation | null {
    return nowMs - this.at <= STALE_MS ? this.latest : null;
  }
}
