// Head-pose sign check (DESIGN.md asks for it): every image is analysed as it is and mirrored
// left-right. A mirror image of a face turned right is a face turned left, and of a head tilted
// clockwise a head tilted counter-clockwise: yaw and roll must change sign, pitch must not. The
// absolute signs are checked against the landmarks themselves: the nose tip sits toward the side
// the face turns to, and the line through the outer eye corners tilts with the head.
// DIR: images, and optionally labels.csv (its `file` column picks the images).
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { landmarkSlot } from '../../../src/core/face-observation';
import { readCsv } from './csv';
import { toObservation } from './observation';
import type { AnalyseResult } from './page/protocol';
import type { Runner } from './runner';
import { fixed, mean, round, table } from './table';

const FRAMES = 5;
/** Below this many degrees a sign is not meaningful (the pose's own noise is ~1-2 deg). */
const MIN_DEG = 4;

/** Nose tip relative to the middle of the face's sides, in face widths: + = toward image right. */
function noseOffset(r: AnalyseResult): number {
  const o = toObservation(r.observation);
  const x = (name: Parameters<typeof landmarkSlot>[0]) => o.points[landmarkSlot(name) * 2]!;
  const [l, rr] = [x('leftFaceSide'), x('rightFaceSide')];
  return (x('noseTip') - (l + rr) / 2) / (rr - l);
}

/** Angle of the line from the image-left eye's outer corner to the image-right one, degrees, + = clockwise on screen. */
function eyeLineDeg(r: AnalyseResult): number {
  const o = toObservation(r.observation);
  const p = (name: Parameters<typeof landmarkSlot>[0]) => [
    o.points[landmarkSlot(name) * 2]! * r.frameWidth,
    o.points[landmarkSlot(name) * 2 + 1]! * r.frameHeight,
  ];
  const [a, b] = [p('leftOuter'), p('rightOuter')];
  return (Math.atan2(b[1]! - a[1]!, b[0]! - a[0]!) * 180) / Math.PI;
}

export async function evaluateFlip(runner: Runner, dir: string): Promise<{ report: string; figures: Record<string, unknown> }> {
  const labels = resolve(dir, 'labels.csv');
  const files = existsSync(labels)
    ? readCsv(labels, ['file']).map((row) => row.file!)
    : readdirSync(dir)
        .filter((f) => /\.(png|jpe?g|pgm)$/i.test(f))
        .sort();
  const plain = await runner.run(
    files.map((file) => ({ dir, file, frames: FRAMES })),
    'flip-plain',
  );
  const mirrored = await runner.run(
    files.map((file) => ({ dir, file, frames: FRAMES, mirror: true })),
    'flip-mirrored',
  );
  const pairs = files
    .map((file, i) => ({ file, a: plain[i]!, b: mirrored[i]! }))
    .filter((p) => p.a.observation.faceFound && p.b.observation.faceFound);
  const pose = (r: AnalyseResult) => r.observation;
  const yawSum = pairs.map((p) => pose(p.a).yaw + pose(p.b).yaw);
  const rollSum = pairs.map((p) => pose(p.a).roll + pose(p.b).roll);
  const pitchDiff = pairs.map((p) => pose(p.a).pitch - pose(p.b).pitch);
  const turned = pairs.filter((p) => Math.abs(pose(p.a).yaw) >= MIN_DEG);
  const tilted = pairs.filter((p) => Math.abs(pose(p.a).roll) >= MIN_DEG);
  const yawFlips = turned.filter((p) => Math.sign(pose(p.a).yaw) === -Math.sign(pose(p.b).yaw)).length;
  const rollFlips = tilted.filter((p) => Math.sign(pose(p.a).roll) === -Math.sign(pose(p.b).roll)).length;
  // Absolute signs, on both the plain and the mirrored image.
  const both = pairs.flatMap((p) => [p.a, p.b]);
  const yawWithNose = both.filter((r) => Math.abs(r.observation.yaw) >= MIN_DEG);
  const yawAgrees = yawWithNose.filter((r) => Math.sign(r.observation.yaw) === Math.sign(noseOffset(r))).length;
  const rollWithLine = both.filter((r) => Math.abs(r.observation.roll) >= MIN_DEG);
  const rollCcw = rollWithLine.filter((r) => Math.sign(r.observation.roll) === -Math.sign(eyeLineDeg(r))).length;
  const rollVsLine = mean(rollWithLine.map((r) => Math.abs(r.observation.roll + eyeLineDeg(r))));

  const rows = pairs
    .filter((p) => Math.abs(pose(p.a).yaw) >= MIN_DEG || Math.abs(pose(p.a).roll) >= MIN_DEG)
    .slice(0, 24)
    .map((p) => [
      p.file,
      fixed(pose(p.a).yaw, 1),
      fixed(pose(p.b).yaw, 1),
      fixed(pose(p.a).pitch, 1),
      fixed(pose(p.b).pitch, 1),
      fixed(pose(p.a).roll, 1),
      fixed(pose(p.b).roll, 1),
      fixed(noseOffset(p.a), 3),
      fixed(eyeLineDeg(p.a), 1),
    ]);
  const out = [
    `Head pose, image vs mirrored image: ${pairs.length} of ${files.length} images with a face both ways (${dir})`,
    table(
      [
        'image (|yaw| or |roll| >= 4°; first 24)',
        'yaw',
        'yaw mirr.',
        'pitch',
        'pitch mirr.',
        'roll',
        'roll mirr.',
        'nose offset',
        'eye line °',
      ],
      rows,
    ),
    `yaw: sign flips in ${yawFlips}/${turned.length} turned faces (|yaw| >= ${MIN_DEG}°); mean |yaw + yaw mirrored| ${fixed(mean(yawSum.map(Math.abs)), 2)}°`,
    `roll: sign flips in ${rollFlips}/${tilted.length} tilted faces; mean |roll + roll mirrored| ${fixed(mean(rollSum.map(Math.abs)), 2)}°`,
    `pitch: mean |pitch - pitch mirrored| ${fixed(mean(pitchDiff.map(Math.abs)), 2)}° (max ${fixed(Math.max(...pitchDiff.map(Math.abs)), 2)}°)`,
    `absolute: yaw has the sign of the nose tip's offset toward image right in ${yawAgrees}/${yawWithNose.length} (so + = face turned toward image right);`,
    `  roll has the opposite sign of the eye line's clockwise angle in ${rollCcw}/${rollWithLine.length} (so + = head tilted counter-clockwise on screen), |roll + eye line| ${fixed(rollVsLine, 1)}° on average`,
  ];
  return {
    report: out.join('\n'),
    figures: {
      n: pairs.length,
      yawSignFlips: round(yawFlips / Math.max(1, turned.length), 3),
      rollSignFlips: round(rollFlips / Math.max(1, tilted.length), 3),
      yawSumMeanAbsDeg: round(mean(yawSum.map(Math.abs)), 2),
      rollSumMeanAbsDeg: round(mean(rollSum.map(Math.abs)), 2),
      pitchDiffMeanAbsDeg: round(mean(pitchDiff.map(Math.abs)), 2),
      yawPositiveTowardImageRight: round(yawAgrees / Math.max(1, yawWithNose.length), 3),
      rollPositiveCounterClockwise: round(rollCcw / Math.max(1, rollWithLine.length), 3),
    },
  };
}
