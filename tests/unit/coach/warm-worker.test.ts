// The face worker starts before the bridge's hello is confirmed (cold start); whatever it says before
// the session listens — "ready", a load error, a crash — must reach the session, once, in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker } from '../../../src/coach/worker-protocol';

vi.mock('webextension-polyfill', () => ({ default: {} }));

class FakeWorker extends EventTarget {
  static last: FakeWorker | null = null;
  readonly posted: unknown[] = [];
  terminated = false;
  constructor() {
    super();
    FakeWorker.last = this;
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(message: FromWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  crash(text: string): void {
    const event = new Event('error') as Event & { message: string };
    event.message = text;
    this.dispatchEvent(event);
  }
}

beforeEach(() => {
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('location', { href: 'chrome-extension://abc/src/coach/coach.html' });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the warm face worker', () => {
  it('sends init at once, and replays what was said before the session listened, then goes live', async () => {
    const { startFaceWorker } = await import('../../../src/coach/coach-session');
    const warm = startFaceWorker();
    const fake = FakeWorker.last!;
    expect(fake.posted).toEqual([
      {
        type: 'init',
        base: expect.stringMatching(/^chrome-extension:\/\/abc\//),
        modelPath: expect.stringMatching(/^chrome-extension:\/\/abc\/.*\.task$/),
      },
    ]);
    fake.say({ type: 'ready', loadMs: 900, startedAt: 1000 });
    const heard: FromWorker[] = [];
    const life = new AbortController();
    warm.attach((m) => heard.push(m), life.signal);
    expect(heard).toEqual([{ type: 'ready', loadMs: 900, startedAt: 1000 }]);
    fake.say({ type: 'error', stage: 'detect', message: 'x' });
    expect(heard).toHaveLength(2);
    life.abort();
    fake.say({ type: 'error', stage: 'detect', message: 'after the end' });
    expect(heard).toHaveLength(2);
  });

  it('turns a crash before anyone listened into a load error the session hears', async () => {
    const { startFaceWorker } = await import('../../../src/coach/coach-session');
    const warm = startFaceWorker();
    FakeWorker.last!.crash('out of memory');
    const heard: FromWorker[] = [];
    warm.attach((m) => heard.push(m), new AbortController().signal);
    expect(heard).toEqual([{ type: 'error', stage: 'load', message: 'Face worker crashed: out of memory' }]);
    FakeWorker.last!.crash('again');
    expect(heard[1]).toEqual({ type: 'error', stage: 'load', message: 'Face worker crashed: again' });
  });
});
