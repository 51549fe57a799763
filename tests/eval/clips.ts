// Single-speaker clips cut from real recordings in ../shared/media/audio, for the dev conversations.
// Each clip is a window chosen where the RTTM (AMI, dialogue/sample) shows one speaker only, or where the
// recording has one speaker (speech/, vad/). Its speech boundaries are measured, not guessed: the first and
// last 10 ms frame whose 300–3400 Hz level is within 35 dB of the window's loudest frame and 15 dB above
// the file's noise floor (its 10th-percentile frame). On speechbrain's hand-labelled vad/valid.wav this rule
// lands within 20 ms of the labels (0.39–2.00 vs 0.38–2; 4.11–5.88 vs 4.10–5.88).
// A clip must be one utterance: no quiet stretch of 700 ms or more inside (the detector's pauses merge at 1 s).
import { FrameFeatures } from '../../src/core/audio/frame-features';
import { readWav } from '../support/wav';

export type Voice = 'therapist' | 'client' | 'short';

interface ClipSpec {
  file: string;
  fromS: number;
  toS: number;
  voice: Voice;
}

// Windows read off the RTTMs and checked with the rule above (see the header); names say voice and length.
export const CLIPS = {
  // therapist: AMI trn03 MÉO069, dev00 MEE009, trn06 FEE083
  t1: { file: 'ami/trn03.wav', fromS: 1.19, toS: 4.95, voice: 'therapist' },
  t2: { file: 'ami/trn03.wav', fromS: 5.3, toS: 7.45, voice: 'therapist' },
  t3: { file: 'ami/trn03.wav', fromS: 7.8, toS: 12.85, voice: 'therapist' },
  t4: { file: 'ami/trn03.wav', fromS: 13.2, toS: 17.4, voice: 'therapist' },
  t5: { file: 'ami/trn03.wav', fromS: 17.55, toS: 22.45, voice: 'therapist' },
  t6: { file: 'ami/dev00.wav', fromS: 5.5, toS: 13.1, voice: 'therapist' }, // 4.6–5.4 s is breath (periodicity < 0.4), left out
  t7: { file: 'ami/dev00.wav', fromS: 1.8, toS: 4.0, voice: 'therapist' },
  t8: { file: 'ami/trn06.wav', fromS: 13.55, toS: 21.75, voice: 'therapist' },
  // client: dialogue/sample Diane and Sheila, silero test speech, AMI trn05 FEE078, speechbrain vad
  c1: { file: 'dialogue/sample.wav', fromS: 11.05, toS: 14.47, voice: 'client' },
  c2: { file: 'dialogue/sample.wav', fromS: 14.72, toS: 17.9, voice: 'client' },
  c3: { file: 'dialogue/sample.wav', fromS: 18.62, toS: 21.47, voice: 'client' },
  c4: { file: 'dialogue/sample.wav', fromS: 21.8, toS: 27.83, voice: 'client' },
  c5: { file: 'dialogue/sample.wav', fromS: 8.36, toS: 9.9, voice: 'client' },
  c6: { file: 'speech/silero_test.wav', fromS: 9.2, toS: 19.9, voice: 'client' },
  c7: { file: 'speech/silero_test.wav', fromS: 20.1, toS: 39.3, voice: 'client' },
  c8: { file: 'speech/silero_test.wav', fromS: 2.5, toS: 7.5, voice: 'client' },
  c9: { file: 'ami/trn05.wav', fromS: 9.32, toS: 19.1, voice: 'client' },
  c10: { file: 'vad/valid.wav', fromS: 0.2, toS: 2.0, voice: 'client' },
  c11: { file: 'vad/valid.wav', fromS: 4.0, toS: 6.0, voice: 'client' },
  c12: { file: 'vad/train.wav', fromS: 2.2, toS: 4.0, voice: 'client' },
  c13: { file: 'speech/silero_test.wav', fromS: 39.6, toS: 47.5, voice: 'client' },
  // short (0.25–0.4 s) words between pauses, used as backchannels
  b2: { file: 'ami/trn03.wav', fromS: 10.2, toS: 10.8, voice: 'short' },
  b3: { file: 'ami/trn09.wav', fromS: 3.2, toS: 3.85, voice: 'short' },
  b5: { file: 'dialogue/sample.wav', fromS: 6.69, toS: 7.2, voice: 'short' },
  b6: { file: 'vad/train.wav', fromS: 0.45, toS: 1.05, voice: 'short' },
  b7: { file: 'ami/trn06.wav', fromS: 15.75, toS: 16.4, voice: 'short' },
  b8: { file: 'ami/trn03.wav', fromS: 22.7, toS: 23.3, voice: 'short' },
} satisfies Record<string, ClipSpec>;

export type ClipName = keyof typeof CLIPS;

export interface Clip {
  name: ClipName;
  sampleRate: number;
  /** the speech with 50 ms either side, faded in and out over 10 ms */
  samples: Float32Array;
  /** speech within `samples`, seconds from its start */
  speechStartS: number;
  speechEndS: number;
  /** RMS level of the speech frames, dB re full scale */
  levelDb: number;
}

const FRAME_S = 0.01;
const MAX_PAUSE_S = 0.7;
const EDGE_S = 0.05;
const fileCache = new Map<string, { samples: Float32Array; sampleRate: number; levels: number[]; floorDb: number }>();

function analysed(path: string) {
  let entry = fileCache.get(path);
  if (!entry) {
    const wav = readWav(path);
    const n = Math.round(wav.sampleRate * FRAME_S);
    const features = new FrameFeatures(wav.sampleRate);
    const levels: number[] = [];
    for (let i = 0; i + n <= wav.samples.length; i += n) {
      features.analyse(wav.samples.subarray(i, i + n));
      levels.push(features.speechDb);
    }
    const floorDb = [...levels].sort((a, b) => a - b)[Math.floor(levels.length * 0.1)]!;
    entry = { samples: wav.samples, sampleRate: wav.sampleRate, levels, floorDb };
    fileCache.set(path, entry);
  }
  return entry;
}

export function loadClip(mediaAudioDir: string, name: ClipName): Clip {
  const spec: ClipSpec = CLIPS[name];
  const file = analysed(`${mediaAudioDir}/${spec.file}`);
  const first = Math.round(spec.fromS / FRAME_S);
  const last = Math.round(spec.toS / FRAME_S);
  const window = file.levels.slice(first, last);
  const threshold = Math.max(Math.max(...window) - 35, file.floorDb + 15);
  const active = window.flatMap((level, i) => (level >= threshold ? [i] : []));
  if (active.length === 0) throw new Error(`clip ${name}: no speech in ${spec.file} ${spec.fromS}–${spec.toS} s`);
  for (let k = 1; k < active.length; k++) {
    const pause = (active[k]! - active[k - 1]! - 1) * FRAME_S;
    if (pause >= MAX_PAUSE_S) throw new Error(`clip ${name}: a ${pause.toFixed(2)} s pause inside; it must be one utterance`);
  }
  // Keep 50 ms either side of the speech, faded over 10 ms: the window's own background, raised by the level
  // normalisation of the mix, would otherwise step out of the channel's noise floor around every clip.
  const rate = file.sampleRate;
  const from = Math.max(spec.fromS, spec.fromS + active[0]! * FRAME_S - EDGE_S);
  const to = Math.min(spec.toS, spec.fromS + (active.at(-1)! + 1) * FRAME_S + EDGE_S);
  const samples = file.samples.slice(Math.round(from * rate), Math.round(to * rate));
  const fade = Math.round(0.01 * rate);
  for (let i = 0; i < fade; i++) {
    samples[i]! *= i / fade;
    samples[samples.length - 1 - i]! *= i / fade;
  }
  let power = 0;
  for (const i of active) power += 10 ** (window[i]! / 10);
  return {
    name,
    sampleRate: rate,
    samples,
    speechStartS: spec.fromS + active[0]! * FRAME_S - from,
    speechEndS: spec.fromS + (active.at(-1)! + 1) * FRAME_S - from,
    levelDb: 10 * Math.log10(power / active.length),
  };
}
