// Runs one stream through the detector the way the AudioWorklet glue will: 128-sample render quanta in,
// 10 ms frames out. Offline helper for the evaluation and tests (allocates freely).
import { Framer, FRAME_MS, frameLength } from '../../src/core/audio/framer';
import { DEFAULT_STREAM_VAD, StreamVad, type StreamVadOptions } from '../../src/core/audio/stream-vad';
import { type Span } from './rttm';

export const RENDER_QUANTUM = 128;

export interface VadRun {
  /** segments from speech-start / speech-end events, seconds */
  segments: Span[];
  /** the machine's online state per 10 ms frame (1 = speaking), as a consumer without look-back sees it */
  online: Uint8Array;
  /** score per frame, dB above the floor */
  scores: Float32Array;
}

export function runVad(samples: Float32Array, sampleRate: number, options: StreamVadOptions = DEFAULT_STREAM_VAD): VadRun {
  const vad = new StreamVad(sampleRate, options);
  const framer = new Framer(frameLength(sampleRate));
  const frames = Math.floor(samples.length / framer.length);
  const online = new Uint8Array(frames);
  const scores = new Float32Array(frames);
  const segments: Span[] = [];
  let index = 0;
  for (let at = 0; at < samples.length; at += RENDER_QUANTUM) {
    const block = samples.subarray(at, Math.min(samples.length, at + RENDER_QUANTUM));
    for (let i = 0; i < block.length;) {
      i += framer.fill(block, i);
      if (!framer.full) continue;
      const event = vad.process(framer.frame, index * FRAME_MS);
      if (event?.type === 'speech-end') segments.push({ startS: event.startMs / 1000, endS: event.atMs / 1000 });
      online[index] = vad.speaking ? 1 : 0;
      scores[index] = vad.score;
      framer.clear();
      index++;
    }
  }
  const last = vad.activity.flush();
  if (last?.type === 'speech-end') segments.push({ startS: last.startMs / 1000, endS: last.atMs / 1000 });
  return { segments, online, scores };
}
