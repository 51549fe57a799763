// Makes the framing set into .cache/eval/framing/: real faces (the shared stills and video frames)
// moved, scaled, rotated and cropped into 640x480 frames by exact affine transforms. The truth of
// each frame is the face measured once on the untransformed image (all 478 landmarks) carried
// through the same transform: face centre, face width, roll, and the verdict they imply.
//
//   npx tsx tests/eval/vision/make-framing.ts [OUT_DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { emptyObservation } from '../../../src/core/face-observation';
import { classifyFraming, framingStats } from '../../../src/core/framing';
import { sharedFile } from '../../support/paths';
import { evalCacheDir } from './bundle';
import { writeCsv } from './csv';
import { extractFrame, frameName } from './frames';
import { Runner } from './runner';

const OUT = { width: 640, height: 480 };
const faces = sharedFile('media/faces');

/** Real faces, frontal or nearly: stills and frames of the two face videos (time in seconds). */
const BASES: { source: string; seconds: number | null }[] = [
  { source: 'astronaut.png', seconds: null },
  { source: 'single_face.jpg', seconds: null },
  { source: 'single_face.mp4', seconds: 0.2 },
  { source: 'single_face.mp4', seconds: 1.6 },
  { source: 'WolfgangLanger_Pexels.mp4', seconds: 13.5 },
  { source: 'WolfgangLanger_Pexels.mp4', seconds: 8.5 },
];

/** Where the face goes: centre (fractions of the frame), width (fraction of frame width), clockwise rotation in degrees. */
interface Placement {
  name: string;
  cx: number;
  cy: number;
  width: number;
  rotate: number;
}
const PLACEMENTS: Placement[] = [
  { name: 'centred', cx: 0.5, cy: 0.45, width: 0.25, rotate: 0 },
  { name: 'left-a-little', cx: 0.4, cy: 0.45, width: 0.25, rotate: 0 },
  { name: 'right-a-little', cx: 0.62, cy: 0.46, width: 0.3, rotate: 0 },
  { name: 'off-left', cx: 0.22, cy: 0.45, width: 0.22, rotate: 0 },
  { name: 'off-right', cx: 0.8, cy: 0.5, width: 0.22, rotate: 0 },
  { name: 'close', cx: 0.5, cy: 0.5, width: 0.53, rotate: 0 },
  { name: 'far', cx: 0.5, cy: 0.45, width: 0.115, rotate: 0 },
  { name: 'cut-left', cx: 0.06, cy: 0.45, width: 0.25, rotate: 0 },
  { name: 'cut-bottom', cx: 0.5, cy: 0.88, width: 0.25, rotate: 0 },
  { name: 'high', cx: 0.5, cy: 0.26, width: 0.25, rotate: 0 },
  { name: 'low', cx: 0.5, cy: 0.72, width: 0.25, rotate: 0 },
  { name: 'tilt-cw-5', cx: 0.5, cy: 0.45, width: 0.28, rotate: 5 },
  { name: 'tilt-cw-20', cx: 0.5, cy: 0.45, width: 0.28, rotate: 20 },
  { name: 'tilt-ccw-20', cx: 0.48, cy: 0.47, width: 0.28, rotate: -20 },
  { name: 'big-tilted-off', cx: 0.74, cy: 0.5, width: 0.4, rotate: -12 },
];

type Matrix = [number, number, number, number, number, number];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? resolve(evalCacheDir, 'framing'));
  const baseDir = resolve(out, 'base');
  mkdirSync(baseDir, { recursive: true });
  const files = BASES.map((b) => frameName(b.source, b.seconds));
  BASES.forEach((b, i) => extractFrame(resolve(faces, b.source), b.seconds, resolve(baseDir, files[i]!)));

  const runner = new Runner();
  try {
    const measured = await runner.run(
      files.map((file) => ({ dir: baseDir, file, frames: 5, allLandmarks: true })),
      'framing-bases',
    );
    const rows: (string | number)[][] = [];
    for (const [i, base] of measured.entries()) {
      if (!base.landmarks || base.padded) throw new Error(`no face measured in ${files[i]}: pick another base image`);
      const W = base.frameWidth;
      const H = base.frameHeight;
      const px = base.landmarks.map((v, k) => (k % 2 === 0 ? v * W : v * H));
      const xs = px.filter((_, k) => k % 2 === 0);
      const ys = px.filter((_, k) => k % 2 === 1);
      const [l, r, t, b] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      for (const p of PLACEMENTS) {
        // output = T(placement) * R(rotate) * S(scale) * T(-face centre): the face's box centre lands on (cx, cy).
        const s = (p.width * OUT.width) / (r - l);
        const a = (p.rotate * Math.PI) / 180;
        const [c, n] = [Math.cos(a) * s, Math.sin(a) * s];
        const [fx, fy] = [(l + r) / 2, (t + b) / 2];
        const m: Matrix = [c, n, -n, c, p.cx * OUT.width - (c * fx - n * fy), p.cy * OUT.height - (n * fx + c * fy)];
        const moved = Array.from({ length: px.length / 2 }, (_, k) => apply(m, px[2 * k]!, px[2 * k + 1]!));
        // The true face, optionally perturbed: width +dw (fraction of the frame width, height in
        // proportion), moved by dx, dy (fractions of the frame), roll + droll degrees.
        const truthOf = (dw: number, dx: number, dy: number, droll: number) => {
          const [x0, x1] = [Math.min(...moved.map((q) => q[0])), Math.max(...moved.map((q) => q[0]))];
          const [y0, y1] = [Math.min(...moved.map((q) => q[1])), Math.max(...moved.map((q) => q[1]))];
          const grow = 1 + (dw * OUT.width) / (x1 - x0);
          const [mx, my, hw, hh] = [
            (x0 + x1) / 2 + dx * OUT.width,
            (y0 + y1) / 2 + dy * OUT.height,
            ((x1 - x0) / 2) * grow,
            ((y1 - y0) / 2) * grow,
          ];
          // Roll + = counter-clockwise in the image (head-pose.ts; checked by the flip test), so a
          // clockwise rotation of the picture by `rotate` degrees lowers the roll by as much.
          const roll = base.observation.roll - p.rotate + droll;
          return Object.assign(emptyObservation(), {
            faceFound: true,
            width: OUT.width,
            height: OUT.height,
            roll,
            boxLeft: (mx - hw) / OUT.width,
            boxRight: (mx + hw) / OUT.width,
            boxTop: (my - hh) / OUT.height,
            boxBottom: (my + hh) / OUT.height,
          });
        };
        const truth = truthOf(0, 0, 0, 0);
        const expected = classifyFraming(framingStats(truth));
        // Borderline: a measurement error of 1 % of the frame in size or position, or 2 deg of roll,
        // would change the verdict the truth implies.
        const borderline = [
          [0.01, 0, 0, 0],
          [-0.01, 0, 0, 0],
          [0, 0.01, 0, 0],
          [0, -0.01, 0, 0],
          [0, 0, 0.01, 0],
          [0, 0, -0.01, 0],
          [0, 0, 0, 2],
          [0, 0, 0, -2],
        ].some(([g, dx, dy, dr]) => classifyFraming(framingStats(truthOf(g!, dx!, dy!, dr!))).kind !== expected.kind);
        const file = `${files[i]!.replace(/\.png$/, '')}__${p.name}.png`;
        writeFileSync(resolve(out, file), await runner.render(baseDir, files[i]!, { ...OUT, matrix: m }));
        rows.push([
          file,
          files[i]!,
          p.name,
          ((truth.boxLeft + truth.boxRight) / 2).toFixed(5),
          ((truth.boxTop + truth.boxBottom) / 2).toFixed(5),
          (truth.boxRight - truth.boxLeft).toFixed(5),
          truth.roll.toFixed(2),
          p.rotate,
          expected.kind,
          'detail' in expected ? (expected.detail ?? '').replace(/,/g, '+') : '',
          borderline ? 1 : 0,
        ]);
      }
    }
    writeCsv(
      resolve(out, 'labels.csv'),
      ['file', 'base', 'placement', 'face_cx', 'face_cy', 'face_w', 'roll_deg', 'rotate_deg', 'expected', 'expected_detail', 'borderline'],
      rows,
    );
    console.info(`framing set: ${rows.length} frames from ${files.length} real faces in ${out}`);
  } finally {
    await runner.close();
  }
}

await main();
