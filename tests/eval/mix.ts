// Renders a dialogue script into two channels as the therapist's browser would see them: remote = the
// client's voice (plus a little line noise), local = the therapist's voice + room noise + the client's voice
// coming back from the speakers (a delay, a few early reflections, `echoDb` re the remote signal).
import { type Side } from '../../src/core/audio/turn-taking';
import { type Clip, type ClipName, loadClip } from './clips';
import { type DialogueScript } from './dialogue-scripts';
import { type Segment } from './turn-events';

export interface Rendered {
  sampleRate: number;
  local: Float32Array;
  remote: Float32Array;
  segments: Segment[];
}

const CLIENT_LEVEL_DB = -26;
const LOCAL_NOISE_DB = -62;
const REMOTE_NOISE_DB = -70;
const SOURCE_RATE = 16000;
/** early reflections after the direct path: [ms after it, dB re it] */
const REFLECTIONS: [number, number][] = [
  [7, -6],
  [16, -10],
  [29, -14],
];

/** A small deterministic PRNG (mulberry32) so that the dev set is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addNoise(into: Float32Array, levelDb: number, seed: number): void {
  const next = random(seed);
  const gain = 10 ** (levelDb / 20) * Math.sqrt(3); // uniform noise in [-1, 1] has RMS 1/√3
  let low = 0;
  for (let i = 0; i < into.length; i++) {
    low += 0.3 * ((next() * 2 - 1) * gain - low); // a gentle low-pass: room noise is not white
    into[i]! += low * 1.8;
  }
}

export function renderDialogue(script: DialogueScript, mediaAudioDir: string): Rendered {
  const clips = new Map<ClipName, Clip>();
  const clip = (name: ClipName) => clips.get(name) ?? clips.set(name, loadClip(mediaAudioDir, name)).get(name)!;
  const segments: Segment[] = [];
  const placed: { clip: Clip; side: Side; speechStartS: number }[] = [];
  let turnStart = 0;
  let turnEnd = 0;
  for (const step of script.steps) {
    const c = clip(step.clip);
    const length = c.speechEndS - c.speechStartS;
    const start = step.during !== undefined ? turnStart + step.during / 1000 : turnEnd + (step.after ?? 0) / 1000;
    if (c.sampleRate !== SOURCE_RATE) throw new Error(`clip ${step.clip} is ${c.sampleRate} Hz; the dev set is built from 16 kHz sources`);
    segments.push({ side: step.side, start, end: start + length });
    placed.push({ clip: c, side: step.side, speechStartS: start });
    if (step.during === undefined) [turnStart, turnEnd] = [start, start + length];
  }
  const total = Math.max(...segments.map((s) => s.end)) + 1.5;
  const n = Math.ceil(total * SOURCE_RATE);
  const local = new Float32Array(n);
  const remote = new Float32Array(n);
  for (const p of placed) {
    const target = CLIENT_LEVEL_DB + (p.side === 'local' ? script.therapistDb : 0);
    const gain = 10 ** ((target - p.clip.levelDb) / 20);
    const into = p.side === 'local' ? local : remote;
    const offset = Math.round((p.speechStartS - p.clip.speechStartS) * SOURCE_RATE);
    p.clip.samples.forEach((x, i) => {
      if (offset + i >= 0 && offset + i < n) into[offset + i]! += x * gain;
    });
  }
  addNoise(remote, REMOTE_NOISE_DB, 1);
  if (script.echoDb !== null) addEcho(local, remote, script.echoDb, script.echoDelayMs);
  addNoise(local, LOCAL_NOISE_DB, 2);
  const factor = script.sampleRate / SOURCE_RATE;
  return {
    sampleRate: script.sampleRate,
    local: factor === 1 ? local : upsample(local, factor),
    remote: factor === 1 ? remote : upsample(remote, factor),
    segments: segments.sort((a, b) => a.start - b.start),
  };
}

function addEcho(local: Float32Array, remote: Float32Array, echoDb: number, delayMs: number): void {
  const taps: [number, number][] = [[delayMs, 0], ...REFLECTIONS.map(([ms, db]): [number, number] => [delayMs + ms, db])];
  const energy = taps.reduce((sum, [, db]) => sum + 10 ** (db / 10), 0);
  const scale = 10 ** (echoDb / 20) / Math.sqrt(energy); // the whole echo sits echoDb under the remote signal
  for (const [ms, db] of taps) {
    const lag = Math.round((ms / 1000) * SOURCE_RATE);
    const g = scale * 10 ** (db / 20);
    for (let i = lag; i < local.length; i++) local[i]! += g * remote[i - lag]!;
  }
}

/** Integer-factor upsampling with a Hann-windowed sinc (32 input taps), for the 48 kHz dialogues. */
export function upsample(x: Float32Array, factor: number): Float32Array {
  const half = 16;
  const out = new Float32Array(x.length * factor);
  for (let n = 0; n < out.length; n++) {
    const t = n / factor;
    const centre = Math.floor(t);
    let sum = 0;
    for (let k = centre - half + 1; k <= centre + half; k++) {
      if (k < 0 || k >= x.length) continue;
      const d = t - k;
      const sinc = d === 0 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * d) / half);
      sum += x[k]! * sinc * window;
    }
    out[n] = sum;
  }
  return out;
}
