// Frame-level (10 ms) speech / non-speech agreement. A frame is speech when its centre lies in a span.

import { type Span } from './rttm';

export const SCORE_FRAME_S = 0.01;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

/** One flag per 10 ms frame of a recording `durationS` long. */
export function frameMask(spans: Span[], durationS: number): Uint8Array {
  const mask = new Uint8Array(Math.floor(durationS / SCORE_FRAME_S + 1e-9));
  for (const s of spans) {
    // frames whose centre (i + 0.5)·10 ms lies in [start, end)
    const first = Math.max(0, Math.ceil(s.startS / SCORE_FRAME_S - 0.5 - 1e-9));
    const last = Math.min(mask.length, Math.ceil(s.endS / SCORE_FRAME_S - 0.5 - 1e-9));
    for (let i = first; i < last; i++) mask[i] = 1;
  }
  return mask;
}

export function countFrames(truth: Uint8Array, detected: Uint8Array, scored: Uint8Array | undefined, into: Counts = emptyCounts()): Counts {
  for (let i = 0; i < truth.length; i++) {
    if (scored && !scored[i]) continue;
    const t = truth[i] === 1;
    const d = detected[i] === 1;
    if (t && d) into.tp++;
    else if (d) into.fp++;
    else if (t) into.fn++;
    else into.tn++;
  }
  return into;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

/** Precision, recall and F1 of the speech class; NaN where undefined (no speech detected or none true). */
export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : Number.NaN;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : Number.NaN;
  const f1 = c.tp + c.fp + c.fn > 0 && c.tp + c.fn > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : Number.NaN;
  return { precision, recall, f1 };
}
