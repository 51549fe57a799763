// Lighting evaluation on faces lit by one point light at a known direction (Extended Yale B).
// Truth from physics (issue 3): ambient only -> too dark; |azimuth| >= 35 deg -> side-lit from that
// side (positive azimuth = light on the subject's right = image left bright = 'your-right');
// |azimuth| <= 10 and |elevation| <= 20 -> even; everything else is unscored.
// 'even' is matched by 'good' or 'low-contrast' (a frontal light is flat light, and neither verdict
// sends the user to move a lamp sideways); 'backlit' is always wrong here: the crops have no
// background of their own, the mid-grey around them is ours.
import { resolve } from 'node:path';
import { classifyLighting, DEFAULT_LIGHTING, lightingStats, type LightingOptions, type LightingVerdict } from '../../../src/core/lighting';
import { readCsv, type Row } from './csv';
import { toLuma, toObservation } from './observation';
import type { AnalyseResult } from './page/protocol';
import type { Job, Runner } from './runner';
import { confusion, pct, round, table } from './table';

type Truth = 'too-dark' | 'side-lit:your-right' | 'side-lit:your-left' | 'even';
const TRUTHS: Truth[] = ['even', 'side-lit:your-right', 'side-lit:your-left', 'too-dark'];
const VERDICTS = ['good', 'low-contrast', 'side-lit:your-right', 'side-lit:your-left', 'too-dark', 'backlit', 'overexposed', 'unknown'];
const FRAMES = 5;

export function lightingTruth(row: Row): Truth | null {
  if (row.light === 'ambient_only') return 'too-dark';
  const az = Number(row.light_azimuth_deg);
  const el = Number(row.light_elevation_deg);
  if (!Number.isFinite(az) || !Number.isFinite(el)) return null;
  if (Math.abs(az) >= 35) return az > 0 ? 'side-lit:your-right' : 'side-lit:your-left';
  if (Math.abs(az) <= 10 && Math.abs(el) <= 20) return 'even';
  return null;
}

export const verdictLabel = (v: LightingVerdict) => (v.kind === 'side-lit' ? `side-lit:${v.lightFrom}` : v.kind);

export function isCorrect(truth: Truth, v: LightingVerdict): boolean {
  if (truth === 'even') return v.kind === 'good' || v.kind === 'low-contrast';
  return verdictLabel(v) === truth;
}

interface Item {
  file: string;
  subject: string;
  /** |azimuth| of the light, degrees (NaN for ambient only) */
  azimuth: number;
  truth: Truth;
  cold: AnalyseResult;
  tracked: AnalyseResult;
}

const classify = (r: AnalyseResult, options: LightingOptions) => {
  const luma = toLuma(r);
  return classifyLighting(luma ? lightingStats(luma, toObservation(r.observation), options) : null, options);
};

function accuracy(items: readonly Item[], pick: (i: Item) => AnalyseResult, options: LightingOptions): number {
  return items.filter((i) => isCorrect(i.truth, classify(pick(i), options))).length / items.length;
}

/** Balanced accuracy: the mean of per-class accuracies, so 3 dark images count as much as 80 side-lit ones. */
function balanced(items: readonly Item[], pick: (i: Item) => AnalyseResult, options: LightingOptions): number {
  const classes = TRUTHS.map((t) => items.filter((i) => i.truth === t)).filter((c) => c.length > 0);
  return classes.reduce((sum, c) => sum + accuracy(c, pick, options), 0) / classes.length;
}

// The threshold the Yale classes exercise is the side-light ratio. darkLuma is not tuned here: it
// also decides side light against darkness on dim faces, and on this set (no face the detector finds
// is too dark by its truth) the data would only ever push it down; it is anchored instead by what a
// dim face needs (more light) and by the e2e test of a darkened real selfie. A fold takes the centre
// of its best plateau, not a value squeezed between two training images.
const GRID = { sideBalance: [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6] };

function tune(train: readonly Item[], pick: (i: Item) => AnalyseResult): { options: LightingOptions; score: number } {
  let best: number[] = [];
  let bestScore = -1;
  for (const sideBalance of GRID.sideBalance) {
    const score = balanced(train, pick, { ...DEFAULT_LIGHTING, sideBalance });
    if (score > bestScore + 1e-9) [best, bestScore] = [[sideBalance], score];
    else if (Math.abs(score - bestScore) <= 1e-9) best.push(sideBalance);
  }
  return { options: { ...DEFAULT_LIGHTING, sideBalance: best[Math.floor(best.length / 2)]! }, score: bestScore };
}

export async function evaluateLighting(runner: Runner, dir: string): Promise<{ report: string; figures: Record<string, unknown> }> {
  const rows = readCsv(resolve(dir, 'labels.csv'), ['file', 'light_azimuth_deg', 'light_elevation_deg', 'light']);
  const subjectOf = (row: Row) => row.subject || row.file!.split('/')[0]!;
  // Per subject, the most frontal light: the face as first found before the light changes.
  const reference = new Map<string, { file: string; off: number }>();
  for (const row of rows) {
    const off = Math.abs(Number(row.light_azimuth_deg)) + Math.abs(Number(row.light_elevation_deg));
    const s = subjectOf(row);
    if (Number.isFinite(off) && off < (reference.get(s)?.off ?? Infinity)) reference.set(s, { file: row.file!, off });
  }
  const scored = rows.map((row) => ({ row, truth: lightingTruth(row) })).filter((x): x is { row: Row; truth: Truth } => x.truth !== null);
  const jobs = (tracked: boolean): Job[] =>
    scored.map(({ row }) => {
      const ref = reference.get(subjectOf(row));
      return { dir, file: row.file!, frames: FRAMES, ...(tracked && ref ? { after: { file: ref.file, frames: FRAMES } } : {}) };
    });
  const cold = await runner.run(jobs(false), 'lighting-cold');
  const tracked = await runner.run(jobs(true), 'lighting-tracked');
  const items: Item[] = scored.map(({ row, truth }, i) => ({
    file: row.file!,
    subject: subjectOf(row),
    azimuth: Math.abs(Number(row.light_azimuth_deg || Number.NaN)),
    truth,
    cold: cold[i]!,
    tracked: tracked[i]!,
  }));

  // The page ran the estimators with their defaults; node re-runs them (for tuning) and must agree.
  const disagree = items.filter((i) => verdictLabel(classify(i.tracked, DEFAULT_LIGHTING)) !== verdictLabel(i.tracked.lighting.verdict));
  const out: string[] = [];
  if (disagree.length)
    out.push(`note: ${disagree.length} verdicts differ from the page's (a --reuse cache from older estimator code); node's are reported`);

  const sections: Record<string, unknown> = {};
  for (const [name, pick] of [
    ['tracked', (i: Item) => i.tracked],
    ['cold', (i: Item) => i.cold],
  ] as const) {
    const verdicts = items.map((i) => classify(pick(i), DEFAULT_LIGHTING));
    const perClass = TRUTHS.map((t) => {
      const of = items.map((item, k) => ({ item, v: verdicts[k]! })).filter((x) => x.item.truth === t);
      const found = of.filter((x) => x.v.kind !== 'unknown').length;
      return { truth: t, n: of.length, faceFound: found, correct: of.filter((x) => isCorrect(t, x.v)).length };
    });
    const sideTruth = items.map((item, k) => ({ item, v: verdicts[k]! })).filter((x) => x.item.truth.startsWith('side-lit'));
    const sideCalled = sideTruth.filter((x) => x.v.kind === 'side-lit');
    const correct = items.filter((item, k) => isCorrect(item.truth, verdicts[k]!)).length;
    const darkOkBehind = items.filter(
      (item, k) => isCorrect(item.truth, verdicts[k]!) || (item.azimuth > 90 && verdicts[k]!.kind === 'too-dark'),
    ).length;
    out.push(
      '',
      `Lighting, ${name === 'tracked' ? 'tracked (face first found under the subject\u2019s frontal light, then the light changes)' : 'cold start (tracker reset before each image)'}: ${items.length} scored images, defaults`,
      table(
        ['class', 'n', 'face found', 'correct', 'accuracy'],
        perClass.map((c) => [c.truth, c.n, c.faceFound, c.correct, pct(c.correct / c.n)]),
      ),
      `overall ${correct}/${items.length} = ${pct(correct / items.length)}; side-lit called with the right side: ${sideCalled.filter((x) => verdictLabel(x.v) === x.item.truth).length}/${sideCalled.length}`,
      confusion(
        items.map((item, k) => [item.truth, verdictLabel(verdicts[k]!)] as const),
        TRUTHS,
        VERDICTS.filter((v) => verdicts.some((x) => verdictLabel(x) === v)),
      ),
    );
    // Side light by azimuth: beyond 90 deg the light is behind the face's plane and most of the face is black.
    const bands = [
      ['35-50', 35, 50],
      ['60-90', 60, 90],
      ['95-130', 95, 180],
    ] as const;
    out.push(
      table(
        ['side-lit, |azimuth|', 'n', 'face found', 'correct', 'accuracy', 'too-dark'],
        bands.map(([label, lo, hi]) => {
          const band = sideTruth.filter((x) => x.item.azimuth >= lo && x.item.azimuth <= hi);
          const ok = band.filter((x) => isCorrect(x.item.truth, x.v)).length;
          const dark = band.filter((x) => x.v.kind === 'too-dark').length;
          return [label, band.length, band.filter((x) => x.v.kind !== 'unknown').length, ok, pct(ok / band.length), dark];
        }),
      ),
      `if 'too-dark' also counts for a light behind the face's plane (|azimuth| > 90°, a nearly black face): ${darkOkBehind}/${items.length} = ${pct(darkOkBehind / items.length)}`,
    );
    sections[name] = {
      accuracy: round(correct / items.length),
      accuracyDarkOkBehind: round(darkOkBehind / items.length),
      n: items.length,
      faceFound: perClass.reduce((s, c) => s + c.faceFound, 0),
      perClass: Object.fromEntries(perClass.map((c) => [c.truth, { n: c.n, faceFound: c.faceFound, accuracy: round(c.correct / c.n) }])),
      sideCorrect: round(sideCalled.filter((x) => verdictLabel(x.v) === x.item.truth).length / Math.max(1, sideCalled.length)),
    };
  }

  // Leave one subject out: tune the thresholds on the others, score the held-out subject.
  const subjects = [...new Set(items.map((i) => i.subject))];
  const folds = subjects.map((s) => {
    const train = items.filter((i) => i.subject !== s);
    const test = items.filter((i) => i.subject === s);
    const { options, score } = tune(train, (i) => i.tracked);
    return {
      heldOut: s,
      n: test.length,
      sideBalance: options.sideBalance,
      trainBalanced: score,
      testAccuracy: accuracy(test, (i) => i.tracked, options),
      testDefaults: accuracy(test, (i) => i.tracked, DEFAULT_LIGHTING),
      correct: test.filter((i) => isCorrect(i.truth, classify(i.tracked, options))).length,
    };
  });
  const pooled = folds.reduce((s, f) => s + f.correct, 0) / items.length;
  out.push(
    '',
    'Leave one subject out (tracked): thresholds tuned on two subjects (balanced accuracy), scored on the third',
    table(
      ['held out', 'n', 'sideBalance', 'train bal. acc', 'test acc (tuned)', 'test acc (defaults)'],
      folds.map((f) => [f.heldOut, f.n, f.sideBalance, pct(f.trainBalanced), pct(f.testAccuracy), pct(f.testDefaults)]),
    ),
    `pooled held-out accuracy ${pct(pooled)}; default sideBalance ${DEFAULT_LIGHTING.sideBalance}`,
  );
  const tr = sections.tracked as { accuracy: number };
  const co = sections.cold as { accuracy: number };
  return {
    report: out.join('\n'),
    figures: {
      accuracy: tr.accuracy,
      accuracyCold: co.accuracy,
      protocol: 'tracked',
      tracked: sections.tracked,
      cold: sections.cold,
      leaveOneSubjectOut: {
        accuracy: round(pooled),
        folds: folds.map((f) => ({
          heldOut: f.heldOut,
          sideBalance: f.sideBalance,
          testAccuracy: round(f.testAccuracy),
        })),
      },
      options: DEFAULT_LIGHTING,
    },
  };
}
