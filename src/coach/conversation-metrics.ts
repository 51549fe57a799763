// The conversation summaries from the bridge's audio worklet (about one a second on the hello's audio
// port), validated here at the receiving edge: the bridge shares a DOM with the page, so treat what comes
// in as untrusted. The newest valid summary goes into CoachMetrics.conversation; one older than
// `STALE_MS` (the tap stopped, the page's audio went away) reads as null, never as stale numbers.
import * as v from 'valibot';
import { type Conversation, ConversationSchema } from '../shared/protocol';

const STALE_MS = 5000; // five missed summaries: the coach page may be throttled, the machine loaded

export class ConversationMetrics {
  private latest: Conversation | null = null;
  private at = -Infinity;
  /** summaries refused by the schema (a bug or a forgery), for diagnostics */
  rejected = 0;

  /** Listens on the audio port until `signal` aborts. */
  listen(port: MessagePort, now: () => number, signal: AbortSignal): void {
    port.addEventListener('message', (event: MessageEvent<unknown>) => this.add(event.data, now()), { signal });
    port.start();
    signal.addEventListener('abort', () => port.close(), { once: true });
  }

  add(data: unknown, nowMs: number): boolean {
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
