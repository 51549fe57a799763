import { describe, expect, it } from 'vitest';
import { emptyObservation, KEPT_ORDER, landmarkSlot, type FaceObservation } from '../../src/core/face-observation';
import { classifyLighting, DEFAULT_LIGHTING, lightingStats, type LumaImage } from '../../src/core/lighting';

const W = 64;
const H = 48;
// A face occupying x 0.35..0.65, y 0.25..0.75 of the frame, nose at the centre.
function face(): FaceObservation {
  const o = emptyObservation();
  Object.assign(o, {
    faceFound: true,
    width: 640,
    height: 480,
    yaw: 0,
    pitch: 0,
    roll: 0,
    boxLeft: 0.35,
    boxTop: 0.25,
    boxRight: 0.65,
    boxBottom: 0.75,
  });
  const set = (name: (typeof KEPT_ORDER)[number], x: number, y: number) => {
    o.points[landmarkSlot(name) * 2] = x;
    o.points[landmarkSlot(name) * 2 + 1] = y;
  };
  set('noseTip', 0.5, 0.52);
  set('leftUpper', 0.44, 0.42);
  set('rightUpper', 0.56, 0.42);
  return o;
}

/** Renders a luma image: background level, face lit with a left-right gradient and texture. */
function render(opts: { background: number; faceLeft: number; faceRight: number; texture?: number }): LumaImage {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const nx = (x + 0.5) / W;
      const ny = (y + 0.5) / H;
      let v = opts.background;
      if (nx > 0.35 && nx < 0.65 && ny > 0.25 && ny < 0.75) {
        const t = (nx - 0.35) / 0.3;
        v = opts.faceLeft + (opts.faceRight - opts.faceLeft) * t + (opts.texture ?? 20) * Math.sin(x * 1.7 + y * 2.3);
      }
      data[y * W + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { width: W, height: H, data };
}

describe('lighting', () => {
  it('measures the face, the background and the balance of a known image', () => {
    const stats = lightingStats(render({ background: 100, faceLeft: 180, faceRight: 60, texture: 0 }), face())!;
    expect(stats.backgroundMean).toBeCloseTo(100, 0);
    expect(Math.abs(stats.faceMean - 120)).toBeLessThan(3); // the gradient's mean over the inner box
    // Cheeks span x 0.395..0.5 and 0.5..0.605 (inner face box, split at the nose): the gradient
    // 180 -> 60 across x 0.35..0.65 gives means 180 - 120 * (centre - 0.35) / 0.3.
    const expectedLeft = 180 - (120 * ((0.395 + 0.5) / 2 - 0.35)) / 0.3;
    const expectedRight = 180 - (120 * ((0.5 + 0.605) / 2 - 0.35)) / 0.3;
    expect(Math.abs(stats.leftMean - expectedLeft)).toBeLessThan(3);
    expect(Math.abs(stats.rightMean - expectedRight)).toBeLessThan(3);
    expect(Math.abs(stats.balance - (expectedLeft - expectedRight) / ((expectedLeft + expectedRight) / 2))).toBeLessThan(0.05);
  });

  it.each([
    [{ background: 110, faceLeft: 140, faceRight: 140 }, 'good'],
    [{ background: 20, faceLeft: 25, faceRight: 25, texture: 5 }, 'too-dark'],
    [{ background: 120, faceLeft: 255, faceRight: 255, texture: 2 }, 'overexposed'],
    [{ background: 235, faceLeft: 90, faceRight: 90 }, 'backlit'],
    [{ background: 100, faceLeft: 200, faceRight: 50 }, 'side-lit'],
    [{ background: 100, faceLeft: 130, faceRight: 130, texture: 3 }, 'low-contrast'],
  ] as const)('%o -> %s', (scene, expected) => {
    expect(classifyLighting(lightingStats(render(scene), face()))).toMatchObject({ kind: expected });
  });

  it('names the side the light comes from (image-left bright = light on the person\u2019s right)', () => {
    expect(classifyLighting(lightingStats(render({ background: 100, faceLeft: 200, faceRight: 50 }), face()))).toEqual({
      kind: 'side-lit',
      lightFrom: 'your-right',
    });
    expect(classifyLighting(lightingStats(render({ background: 100, faceLeft: 50, faceRight: 200 }), face()))).toEqual({
      kind: 'side-lit',
      lightFrom: 'your-left',
    });
  });

  it('calls a half-shadowed face side-lit, not too dark or backlit (Yale B: light from 60-90 deg)', () => {
    // The face's mean is below darkLuma and far below the background, but its lit half is bright enough:
    // the cause is the side light.
    const stats = lightingStats(render({ background: 200, faceLeft: 0, faceRight: 85, texture: 2 }), face())!;
    expect(stats.faceMean).toBeLessThan(DEFAULT_LIGHTING.darkLuma);
    expect(stats.backgroundMean - stats.faceMean).toBeGreaterThan(DEFAULT_LIGHTING.backlitDelta);
    expect(classifyLighting(stats)).toEqual({ kind: 'side-lit', lightFrom: 'your-left' });
  });

  it.each([
    [3, 12], // a large ratio of two tiny numbers
    [10, 40],
    [15, 45], // like the e2e selfie darkened with ffmpeg eq=brightness: a mild imbalance on a dim face
  ] as const)('a dim face whose brighter half is still dark (%d / %d) is too dark: adding light is the fix', (faceLeft, faceRight) => {
    const stats = lightingStats(render({ background: 20, faceLeft, faceRight, texture: 1 }), face())!;
    expect(Math.abs(stats.balance)).toBeGreaterThan(DEFAULT_LIGHTING.sideBalance);
    expect(classifyLighting(stats)).toEqual({ kind: 'too-dark' });
  });

  it('needs both the imbalance and a lit half for side light', () => {
    const stats = lightingStats(render({ background: 100, faceLeft: 190, faceRight: 60, texture: 0 }), face())!;
    expect(classifyLighting(stats)).toMatchObject({ kind: 'side-lit' });
    expect(classifyLighting(stats, { ...DEFAULT_LIGHTING, sideBalance: Math.abs(stats.balance) + 0.01 })).toEqual({ kind: 'good' });
    const darkLuma = Math.max(stats.leftMean, stats.rightMean) + 1;
    expect(classifyLighting(stats, { ...DEFAULT_LIGHTING, darkLuma })).toEqual({ kind: 'too-dark' });
  });

  it('is unknown without a face, never a problem', () => {
    expect(classifyLighting(lightingStats(render({ background: 10, faceLeft: 10, faceRight: 10 }), emptyObservation()))).toEqual({
      kind: 'unknown',
    });
  });

  it('a dim face lit from behind one side is side-lit; a dim even face stays too dark', () => {
    // Bright half ~30, dark half ~6 (as Yale's lights at azimuth 95-130 deg leave a face).
    const rim = classifyLighting(lightingStats(render({ background: 20, faceLeft: 40, faceRight: 2, texture: 2 }), face()));
    expect(rim).toEqual({ kind: 'side-lit', lightFrom: 'your-right' });
    const dim = classifyLighting(lightingStats(render({ background: 20, faceLeft: 28, faceRight: 20, texture: 2 }), face()));
    expect(dim).toEqual({ kind: 'too-dark' });
    // Too dim to tell a side at all: too dark.
    expect(classifyLighting(lightingStats(render({ background: 10, faceLeft: 18, faceRight: 2, texture: 1 }), face()))).toEqual({
      kind: 'too-dark',
    });
  });
});
