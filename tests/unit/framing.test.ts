import { describe, expect, it } from 'vitest';
import { emptyObservation, type FaceObservation } from '../../src/core/face-observation';
import { classifyFraming, framingStats } from '../../src/core/framing';

function face(cx: number, cy: number, w: number, h: number, roll = 0): FaceObservation {
  return Object.assign(emptyObservation(), {
    faceFound: true,
    roll,
    boxLeft: cx - w / 2,
    boxRight: cx + w / 2,
    boxTop: cy - h / 2,
    boxBottom: cy + h / 2,
  });
}

describe('framing', () => {
  it.each([
    [0.5, 0.45, 0.25, 0.35],
    [0.3, 0.5, 0.2, 0.3],
    [0.7, 0.6, 0.4, 0.5],
  ])('measures centre (%f, %f) and width %f exactly', (cx, cy, w, h) => {
    const stats = framingStats(face(cx, cy, w, h))!;
    expect(stats.offsetX).toBeCloseTo(cx - 0.5, 9);
    expect(stats.offsetY).toBeCloseTo(cy - 0.5, 9);
    expect(stats.faceWidth).toBeCloseTo(w, 9);
  });

  it.each([
    ['good', face(0.5, 0.45, 0.28, 0.4)],
    ['cut-off', face(0.5, 0.55, 0.6, 0.95)],
    ['too-close', face(0.5, 0.5, 0.55, 0.7)],
    ['too-far', face(0.5, 0.4, 0.1, 0.14)],
    ['off-centre', face(0.75, 0.45, 0.25, 0.35)],
    ['no-headroom', face(0.5, 0.22, 0.25, 0.35)],
    ['too-much-headroom', face(0.5, 0.75, 0.2, 0.3)],
    ['tilted', face(0.5, 0.45, 0.28, 0.4, 20)],
  ])('%s (case %#)', (expected, observation) => {
    expect(classifyFraming(framingStats(observation)).kind).toBe(expected);
  });

  it('names the cut edges and the side of an off-centre face', () => {
    expect(classifyFraming(framingStats(face(0.1, 0.5, 0.3, 0.4)))).toEqual({ kind: 'cut-off', detail: 'left' });
    expect(classifyFraming(framingStats(face(0.25, 0.45, 0.22, 0.35)))).toEqual({ kind: 'off-centre', detail: 'left' });
  });

  it('is unknown without a face', () => {
    expect(classifyFraming(framingStats(emptyObservation()))).toEqual({ kind: 'unknown' });
  });
});
