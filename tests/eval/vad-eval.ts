// `--vad DIR`: frame-level (10 ms) speech / non-speech agreement of the single-stream detector with RTTM
// references, per file and pooled over all frames. Scored regions come from a UEM when one lists the file.
// Two readings of the detector: `segments` (the speech-start / speech-end events, whose times are back-dated:
// what turn-taking uses) and `online` (the state a consumer sees at each frame, without hindsight).
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readWav } from '../support/wav';
import { addCounts, countFrames, type Counts, emptyCounts, frameMask, prf } from './frame-scores';
import { runVad } from './run-vad';
import { DEFAULT_STREAM_VAD, type StreamVadOptions } from '../../src/core/audio/stream-vad';
import { labelsFor } from './rttm';

export interface VadFileResult {
  uri: string;
  seconds: number;
  speechShare: number;
  segments: Counts;
  online: Counts;
  note: string;
}

export function evaluateVadDir(dir: string, options: StreamVadOptions = DEFAULT_STREAM_VAD): VadFileResult[] {
  const wavs = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.wav'))
    .sort();
  if (wavs.length === 0) throw new Error(`no .wav files in ${dir}`);
  return wavs.map((file) => {
    const uri = basename(file, '.wav');
    const wav = readWav(join(dir, file));
    const seconds = wav.samples.length / wav.sampleRate;
    const labels = labelsFor(dir, uri);
    const truth = frameMask(labels.speech, seconds);
    const scored = labels.scored ? frameMask(labels.scored, seconds) : undefined;
    const run = runVad(wav.samples, wav.sampleRate, options);
    const segments = countFrames(truth, frameMask(run.segments, seconds), scored);
    const online = countFrames(truth, run.online.subarray(0, truth.length), scored);
    const note = labels.sources.some((s) => s.endsWith('.rttm')) ? '' : 'no RTTM entry: scored as all non-speech';
    const scoredFrames = segments.tp + segments.fn + segments.fp + segments.tn;
    return { uri, seconds, speechShare: (segments.tp + segments.fn) / scoredFrames, segments, online, note };
  });
}

export function pooled(results: VadFileResult[], pick: (r: VadFileResult) => Counts): Counts {
  return results.reduce((sum, r) => addCounts(sum, pick(r)), emptyCounts());
}

export { prf };
