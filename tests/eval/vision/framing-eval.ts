// Framing evaluation on frames with a known face position (make-framing.ts): face-centre and
// face-size error as a fraction of the frame width, roll error against the known rotation, and the
// verdict against the verdict the true geometry implies.
// labels.csv: file,face_cx,face_cy,face_w,roll_deg,expected[,placement,...] (fractions of the frame).
import { resolve } from 'node:path';
import { readCsv } from './csv';
import type { Runner } from './runner';
import { confusion, fixed, mean, pct, quantile, round, table } from './table';

const FRAMES = 5;

export async function evaluateFraming(runner: Runner, dir: string): Promise<{ report: string; figures: Record<string, unknown> }> {
  const rows = readCsv(resolve(dir, 'labels.csv'), ['file', 'face_cx', 'face_cy', 'face_w', 'roll_deg', 'expected']);
  const jobs = rows.map((row) => ({ dir, file: row.file!, frames: FRAMES }));
  const results = await runner.run(jobs, 'framing');
  const items = rows.map((row, i) => {
    const r = results[i]!;
    const o = r.observation;
    const found = o.faceFound;
    const cx = (o.boxLeft + o.boxRight) / 2;
    const cy = (o.boxTop + o.boxBottom) / 2;
    const truth = { cx: Number(row.face_cx), cy: Number(row.face_cy), w: Number(row.face_w), roll: Number(row.roll_deg) };
    // Centre error: the distance in pixels over the frame width.
    const centreErr = found ? Math.hypot((cx - truth.cx) * r.frameWidth, (cy - truth.cy) * r.frameHeight) / r.frameWidth : Number.NaN;
    const sizeErr = found ? Math.abs(o.boxRight - o.boxLeft - truth.w) : Number.NaN;
    const rollErr = found ? o.roll - truth.roll : Number.NaN;
    const verdict = r.framing.verdict.kind;
    return {
      row,
      found,
      centreErr,
      sizeErr,
      rollErr,
      verdict,
      expected: row.expected!,
      cutOff: row.expected === 'cut-off',
      borderline: row.borderline === '1',
    };
  });

  const groups = [...new Set(items.map((i) => i.row.placement ?? 'all'))];
  const summary = (list: typeof items) => {
    const f = list.filter((i) => i.found);
    const centre = f.map((i) => i.centreErr);
    const size = f.map((i) => i.sizeErr);
    return {
      n: list.length,
      found: f.length,
      centreMean: mean(centre),
      centreP95: quantile(centre, 0.95),
      centreMax: quantile(centre, 1),
      sizeMean: mean(size),
      sizeP95: quantile(size, 0.95),
      sizeMax: quantile(size, 1),
      rollMeanAbs: mean(f.map((i) => Math.abs(i.rollErr))),
      verdictOk: list.filter((i) => i.verdict === i.expected).length,
    };
  };
  const all = summary(items);
  const clear = summary(items.filter((i) => !i.borderline));
  // Position and size are scored where the whole face is in the frame: beyond an edge the landmarks
  // are the model's extrapolation, and the verdict there is "cut off" whatever the centre.
  const whole = summary(items.filter((i) => !i.cutOff));
  const out = [
    `Framing: ${items.length} frames (${whole.n} with the whole face in the frame); errors as % of the frame width`,
    table(
      ['placement', 'n', 'found', 'centre err mean', 'centre err max', 'size err mean', 'size err max', '|roll err| mean', 'verdict ok'],
      groups.map((g) => {
        const s = summary(items.filter((i) => (i.row.placement ?? 'all') === g));
        const cells = [pct(s.centreMean), pct(s.centreMax), pct(s.sizeMean), pct(s.sizeMax), `${fixed(s.rollMeanAbs, 1)}°`];
        return [g, s.n, s.found, ...cells, `${s.verdictOk}/${s.n}`];
      }),
    ),
    `whole face in frame: centre error mean ${pct(whole.centreMean)}, p95 ${pct(whole.centreP95)}, max ${pct(whole.centreMax)}; ` +
      `size error mean ${pct(whole.sizeMean)}, p95 ${pct(whole.sizeP95)}, max ${pct(whole.sizeMax)}`,
    `verdict accuracy ${all.verdictOk}/${all.n} = ${pct(all.verdictOk / all.n)}; faces found ${all.found}/${all.n}; ` +
      `away from a threshold (1 % of the frame or 2° of roll would not change the true verdict): ${clear.verdictOk}/${clear.n}`,
    confusion(items.map((i) => [i.expected, i.verdict] as const)),
  ];
  const misses = items.filter((i) => i.verdict !== i.expected);
  if (misses.length) {
    out.push(
      'verdict misses:',
      ...misses.map((i) => `  ${i.row.file}: expected ${i.expected}${i.borderline ? ' (borderline)' : ''}, got ${i.verdict}`),
    );
  }
  return {
    report: out.join('\n'),
    figures: {
      n: items.length,
      faceFound: all.found,
      centreErrorMean: round(whole.centreMean),
      centreErrorP95: round(whole.centreP95),
      centreErrorMax: round(whole.centreMax),
      sizeErrorMean: round(whole.sizeMean),
      sizeErrorP95: round(whole.sizeP95),
      sizeErrorMax: round(whole.sizeMax),
      rollErrorMeanAbsDeg: round(whole.rollMeanAbs, 2),
      verdictAccuracy: round(all.verdictOk / all.n),
      verdictAccuracyClear: round(clear.verdictOk / clear.n),
      clearN: clear.n,
      errorsAre: 'fractions of the frame width, frames with the whole face in view',
    },
  };
}
