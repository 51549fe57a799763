import { Session } from 'node:inspector/promises';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../../src/core/audio/conversation';
import { type TurnEvent } from '../../../src/core/audio/turn-taking';
import { type DialogueScript } from '../../eval/dialogue-scripts';
import { renderDialogue } from '../../eval/mix';
import { describe as describeTimeline, mergePauses, type Segment } from '../../eval/turn-events';
import { sharedFile } from '../../support/paths';
import { noise, voiced } from './signals';

// A short call of real voices with the client's voice leaking back into the therapist's mic.
const script: DialogueScript = {
  name: 'unit',
  sampleRate: 48000,
  rttMs: 400,
  echoDb: -4,
  echoDelayMs: 40,
  therapistDb: 0,
  steps: [
    { side: 'remote', clip: 'c2', after: 300 },
    { side: 'local', clip: 'b7', during: 1200 }, // a backchannel
    { side: 'local', clip: 't3', after: 600 }, // a response
    { side: 'remote', clip: 'c10', during: 500 }, // the client interjects
    { side: 'remote', clip: 'c8', after: -900 }, // and then takes over
    { side: 'local', clip: 't2', after: 800 },
  ],
};
const rendered = renderDialogue(script, sharedFile('media/audio'));

function run(block = 128, local = rendered.local, remote = rendered.remote) {
  const events: TurnEvent[] = [];
  const segments: Segment[] = [];
  const conversation = new Conversation(rendered.sampleRate, {
    turn: (e) => events.push({ ...e }),
    speech: (side, e) => {
      if (e.type === 'speech-end') segments.push({ side, start: e.startMs / 1000, end: e.atMs / 1000 });
    },
  });
  conversation.setOneWayDelay(script.rttMs / 2);
  for (let at = 0; at + block <= local.length; at += block) {
    conversation.process(local.subarray(at, at + block), remote.subarray(at, at + block), (at * 1000) / rendered.sampleRate);
  }
  conversation.flush();
  return { events, segments, conversation };
}

const therapistView = (events: TurnEvent[]) => events.filter((e) => e.view === 'therapist');

describe('Conversation', () => {
  const { events, segments } = run();

  it('reports the talk-overs of the timeline: who, when (±300 ms) and what kind', () => {
    const truth = describeTimeline(mergePauses(rendered.segments)).talkOvers;
    const found = therapistView(events).flatMap((e) => (e.type === 'talk-over' ? [e] : []));
    expect(truth.map((t) => `${t.kind}:${t.by}`)).toEqual(['interjection:remote', 'interruption:remote']);
    expect(found.map((t) => `${t.kind}:${t.by}`)).toEqual(['interjection:remote', 'interruption:remote']);
    found.forEach((f, i) => expect(Math.abs(f.atMs / 1000 - truth[i]!.atS)).toBeLessThan(0.3));
  });

  it('never flags the backchannel, and measures the response gaps within 100 ms', () => {
    const truth = describeTimeline(mergePauses(rendered.segments));
    expect(therapistView(events).filter((e) => e.type === 'backchannel')).toHaveLength(truth.backchannels.length);
    const responses = therapistView(events).flatMap((e) => (e.type === 'response' ? [e] : []));
    expect(responses).toHaveLength(truth.responses.length);
    responses.forEach((r, i) => {
      expect(Math.abs(r.gapMs / 1000 - truth.responses[i]!.gapS)).toBeLessThan(0.1);
      expect(r.clientGapMs - r.gapMs).toBeCloseTo(script.rttMs, 6);
    });
  });

  it('emits, while streaming, exactly what the same rules say about the finished segments', () => {
    const offline = describeTimeline(segments);
    const streamed = therapistView(events);
    expect(streamed.filter((e) => e.type === 'talk-over').map((e) => e.atMs / 1000)).toEqual(offline.talkOvers.map((t) => t.atS));
    expect(streamed.filter((e) => e.type === 'backchannel').map((e) => e.atMs / 1000)).toEqual(offline.backchannels.map((b) => b.atS));
  });

  it.each([100, 480, 1000])('does not depend on the block size (%i samples)', (block) => {
    const other = run(block);
    expect(other.segments.map((s) => [s.side, s.start.toFixed(2), s.end.toFixed(2)])).toEqual(
      segments.map((s) => [s.side, s.start.toFixed(2), s.end.toFixed(2)]),
    );
  });

  it('allocates (next to) nothing per block: under 128 bytes per 10 ms over 20,000 blocks', async () => {
    // Three seconds of blocks made up front and cycled, with whole-ms times, so the loop itself allocates nothing.
    // Everything the core creates is made in constructors; what remains is V8 boxing a few doubles passed
    // between functions it does not inline (measured ~50 bytes a frame, a minor GC per hour of call). An array
    // or typed-array view per block would cost 100+ bytes each and fail this.
    const rate = 48000;
    const talk = voiced(rate, rate, 140, -26);
    const hiss = noise(3 * rate, -60, 5);
    const block = rate / 100;
    const make = (talking: (second: number) => boolean, offset: number) =>
      Array.from({ length: 300 }, (_, k) =>
        Float32Array.from({ length: block }, (_, i) => {
          const t = k * block + i;
          return hiss[(t + offset) % hiss.length]! + (talking(t / rate) ? talk[t % rate]! : 0);
        }),
      );
    const locals = make((s) => s < 1, 0); // the therapist talks in the first second of every three
    const remotes = make((s) => s > 0.8 && s < 2.2, 999); // the client from 0.8 to 2.2 s: talk-overs both ways
    let events = 0;
    const conversation = new Conversation(rate, { turn: () => events++ });
    const blocks = (from: number, count: number) => {
      for (let b = from; b < from + count; b++) conversation.process(locals[b % 300]!, remotes[b % 300]!, b * 10);
    };
    blocks(0, 6000); // warm up the JIT
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 16,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    blocks(6000, 20000);
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    type Node = { selfSize: number; children: Node[] };
    const total = (n: Node): number => n.selfSize + n.children.reduce((s, c) => s + total(c), 0);
    expect(events).toBeGreaterThan(40);
    const perBlock = total(profile.head as Node) / 20000;
    console.info(`${perBlock.toFixed(1)} bytes allocated per 10 ms block`);
    expect(perBlock).toBeLessThan(128);
  }, 30_000);

  it('wants two blocks of the same length', () => {
    const conversation = new Conversation(16000, {});
    expect(() => conversation.process(new Float32Array(128), new Float32Array(64), 0)).toThrow(/differ: 128 vs 64 samples/);
  });
});
