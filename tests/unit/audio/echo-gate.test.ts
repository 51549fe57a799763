import { describe, expect, it } from 'vitest';
import { EchoGate } from '../../../src/core/audio/echo-gate';
import { FRAME_MS } from '../../../src/core/audio/framer';
import { StreamVad } from '../../../src/core/audio/stream-vad';
import { NOT_SPEECH } from '../../../src/core/audio/speech-score';
import { type Clip, type ClipName, loadClip } from '../../eval/clips';
import { upsample } from '../../eval/mix';
import { sharedFile } from '../../support/paths';
import { delayed, mix, noise, place } from './signals';

const media = sharedFile('media/audio');

/** Real clips one after another at -26 dBFS with 0.4 s between, from `at` seconds, into a buffer of `seconds`. */
function speech(names: ClipName[], seconds: number, at = 0.3): { x: Float32Array; spans: [number, number][] } {
  const x = new Float32Array(seconds * 16000);
  const spans: [number, number][] = [];
  for (const c of names.map((n): Clip => loadClip(media, n))) {
    place(x, c.samples, at - c.speechStartS, 16000, 10 ** ((-26 - c.levelDb) / 20));
    spans.push([at, at + c.speechEndS - c.speechStartS]);
    at += c.speechEndS - c.speechStartS + 0.4;
  }
  return { x, spans };
}

/** Local and remote through two detectors with the gate between, frame by frame. */
function gated(local: Float32Array, remote: Float32Array, rate: number) {
  const [lv, rv] = [new StreamVad(rate), new StreamVad(rate)];
  const gate = new EchoGate(FRAME_MS, lv.features.narrowband.binDb.length);
  const n = rate / 100;
  const localSegments: [number, number][] = [];
  const frames: { echo: boolean; loud: boolean; t: number }[] = [];
  for (let i = 0, k = 0; i + n <= local.length; i += n, k++) {
    lv.analyse(local.subarray(i, i + n));
    rv.analyse(remote.subarray(i, i + n));
    const score = lv.score;
    const echo = gate.update(lv.features, rv.features, rv.levelAboveFloorDb);
    const e = lv.decide(echo ? NOT_SPEECH : score, k * FRAME_MS);
    if (e?.type === 'speech-end') localSegments.push([e.startMs / 1000, e.atMs / 1000]);
    frames.push({ echo, loud: score >= 9, t: (k + 0.5) / 100 });
  }
  return { localSegments, frames, gate };
}

describe('EchoGate', () => {
  const client = speech(['c6', 'c2'], 16);
  const therapist = speech(['t3', 't4'], 16, 5);

  it.each([
    [20, -6],
    [40, -6],
    [60, -6],
    [20, -3],
    [40, -3],
    [60, -3],
  ])('echo alone (%i ms, %i dB) never becomes therapist speech, from the first word', (delayMs, echoDb) => {
    const remote = mix(client.x, noise(client.x.length, -70, 1));
    const local = mix(delayed(client.x, delayMs, 16000, 10 ** (echoDb / 20)), noise(client.x.length, -62, 2));
    const { localSegments, gate } = gated(local, remote, 16000);
    expect(localSegments).toEqual([]);
    expect(Math.abs(gate.delayMs - delayMs)).toBeLessThanOrEqual(10);
  });

  it('works at 48 kHz too', () => {
    const up = upsample(client.x.subarray(0, 8 * 16000), 3);
    const local = mix(delayed(up, 35, 48000, 10 ** (-4 / 20)), noise(up.length, -62, 2));
    expect(gated(local, mix(up, noise(up.length, -70, 3)), 48000).localSegments).toEqual([]);
  });

  it('lets the therapist through over the echo (double talk at 0 dB re the client, echo at -6 dB)', () => {
    const local = mix(therapist.x, delayed(client.x, 40, 16000, 10 ** (-6 / 20)), noise(client.x.length, -62, 2));
    const { localSegments, frames } = gated(local, mix(client.x, noise(client.x.length, -70, 1)), 16000);
    const inside = (t: number, spans: [number, number][]) => spans.some(([a, b]) => a <= t && t < b);
    const doubleTalk = frames.filter((f) => f.loud && inside(f.t, therapist.spans) && inside(f.t, client.spans));
    const passed = doubleTalk.filter((f) => !f.echo).length / doubleTalk.length;
    expect(doubleTalk.length).toBeGreaterThan(300);
    expect(passed).toBeGreaterThan(0.35); // measured 0.5–0.6 on the dev conversations
    // And the detector, bridging the gaps with its 1 s redemption, covers each therapist utterance.
    for (const [a, b] of therapist.spans) {
      const covered = localSegments.filter(([s, e]) => s < b && e > a).reduce((sum, [s, e]) => sum + Math.min(e, b) - Math.max(s, a), 0);
      expect(covered / (b - a)).toBeGreaterThan(0.8);
    }
  });

  it('opens within a second or two when there is no echo (headphones)', () => {
    const local = mix(therapist.x, noise(client.x.length, -62, 2));
    const { frames } = gated(local, mix(client.x, noise(client.x.length, -70, 1)), 16000);
    const loud = frames.filter((f) => f.loud && f.t > 7);
    expect(loud.filter((f) => !f.echo).length / loud.length).toBeGreaterThan(0.98);
  });

  it('rejects bad options with the values in the message', () => {
    expect(() => new EchoGate(10, 100, { maxDelayMs: 120, marginDb: 8, minOwnShare: 2, learnAboveDb: 15, initialCouplingDb: 0 })).toThrow(
      /minOwnShare in \[0, 1\].*"minOwnShare":2/,
    );
    expect(() => new EchoGate(10, 0)).toThrow(/positive number of bins, got 0/);
  });
});
