// Gaze evaluation on labelled real frames: precision and recall of "at camera", with the default
// model (no calibration) and, for each person with calibration frames (role=calibrate in
// labels.csv, never scored), with that person's calibration.
// labels.csv: file,label[,person,role]; label in {camera, not_camera, eyes_closed}.
import { resolve } from 'node:path';
import {
  calibrate,
  classifyGaze,
  DEFAULT_GAZE_MODEL,
  DEFAULT_GAZE_THRESHOLDS,
  gazeAngle,
  type GazeFeatures,
  type GazeModel,
  type GazeState,
} from '../../../src/core/gaze';
import { readCsv } from './csv';
import type { AnalyseResult } from './page/protocol';
import type { Runner } from './runner';
import { confusion, fixed, round, table } from './table';

const FRAMES = 5;
const LABELS = ['camera', 'not_camera', 'eyes_closed'];
const STATES: GazeState[] = ['at-camera', 'at-screen', 'away', 'eyes-closed', 'unknown'];

interface Item {
  file: string;
  label: string;
  person: string;
  calibration: boolean;
  result: AnalyseResult;
}

/** JSON turns NaN into null; features come back from the page (or the cache) with either. */
function featuresOf(r: AnalyseResult): GazeFeatures | null {
  const f = r.gaze.features;
  if (!f) return null;
  const n = (x: number | null) => (x === null ? Number.NaN : x);
  return {
    irisX: n(f.irisX),
    irisY: n(f.irisY),
    lookX: n(f.lookX),
    lookY: n(f.lookY),
    blink: n(f.blink),
    yaw: n(f.yaw),
    pitch: n(f.pitch),
  };
}

function predict(item: Item, model: GazeModel, cameraDeg = DEFAULT_GAZE_THRESHOLDS.cameraDeg): { state: GazeState; off: number } {
  const f = featuresOf(item.result);
  const angle = f ? gazeAngle(f, model, { x: 0, y: 0, off: 0 }) : null;
  return { state: classifyGaze(f, angle, { ...DEFAULT_GAZE_THRESHOLDS, cameraDeg }), off: angle ? angle.off : Number.NaN };
}

function scores(items: readonly Item[], states: readonly GazeState[]) {
  const tp = items.filter((it, k) => it.label === 'camera' && states[k] === 'at-camera').length;
  const fp = items.filter((it, k) => it.label !== 'camera' && states[k] === 'at-camera').length;
  const positives = items.filter((it) => it.label === 'camera').length;
  return { tp, fp, positives, precision: tp + fp > 0 ? tp / (tp + fp) : Number.NaN, recall: positives > 0 ? tp / positives : Number.NaN };
}

/** Area under the ROC curve of -off for camera against the rest (faces without features rank last). */
function auc(items: readonly Item[], offs: readonly number[]): number {
  const score = (k: number) => (Number.isFinite(offs[k]!) ? -offs[k]! : -Infinity);
  const pos = items.map((_, k) => k).filter((k) => items[k]!.label === 'camera');
  const neg = items.map((_, k) => k).filter((k) => items[k]!.label !== 'camera');
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += score(p) > score(n) ? 1 : score(p) === score(n) ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

export async function evaluateGaze(runner: Runner, dir: string): Promise<{ report: string; figures: Record<string, unknown> }> {
  const rows = readCsv(resolve(dir, 'labels.csv'), ['file', 'label']);
  for (const row of rows)
    if (!LABELS.includes(row.label!)) throw new Error(`${dir}/labels.csv: unknown label ${row.label} for ${row.file}`);
  const jobs = rows.map((row) => ({ dir, file: row.file!, frames: FRAMES }));
  const results = await runner.run(jobs, 'gaze');
  const all: Item[] = rows.map((row, i) => ({
    file: row.file!,
    label: row.label!,
    person: row.person || row.file!,
    calibration: row.role === 'calibrate',
    result: results[i]!,
  }));
  const scored = all.filter((i) => !i.calibration);

  // One model per person who has calibration frames with a face.
  const models = new Map<string, GazeModel>();
  for (const person of new Set(all.filter((i) => i.calibration).map((i) => i.person))) {
    const samples = all
      .filter((i) => i.calibration && i.person === person)
      .map((i) => featuresOf(i.result))
      .filter((f): f is GazeFeatures => f !== null);
    if (samples.length >= 5) models.set(person, calibrate(samples));
  }
  const modelOf = (i: Item) => models.get(i.person) ?? DEFAULT_GAZE_MODEL;

  const runs = {
    defaults: scored.map((i) => predict(i, DEFAULT_GAZE_MODEL)),
    calibrated: scored.map((i) => predict(i, modelOf(i))),
  };
  const count = (label: string) => scored.filter((i) => i.label === label).length;
  const people = new Set(scored.map((i) => i.person)).size;
  const found = scored.filter((i) => i.result.observation.faceFound).length;
  const out: string[] = [
    `Gaze: ${scored.length} scored frames (${LABELS.map((l) => `${count(l)} ${l}`).join(', ')}) from ${people} people; ` +
      `${all.length - scored.length} calibration frames; faces found ${found}/${scored.length}`,
    `calibrated people: ${[...models.keys()].join(', ') || 'none'} (the others use the defaults in both runs)`,
  ];
  const figures: Record<string, unknown> = {};
  for (const [name, preds] of Object.entries(runs)) {
    const states = preds.map((p) => p.state);
    const s = scores(scored, states);
    const area = auc(
      scored,
      preds.map((p) => p.off),
    );
    out.push(
      '',
      `${name === 'defaults' ? 'Uncalibrated (DEFAULT_GAZE_MODEL)' : 'Calibrated per person where possible'}: camera = 'at-camera' (within ${DEFAULT_GAZE_THRESHOLDS.cameraDeg}° of the lens)`,
      `precision ${fixed(s.precision, 3)} (${s.tp}/${s.tp + s.fp}), recall ${fixed(s.recall, 3)} (${s.tp}/${s.positives}), AUC of the angle ${fixed(area, 3)}`,
      confusion(
        scored.map((i, k) => [i.label, states[k]!] as const),
        LABELS,
        STATES,
      ),
      table(
        ['person', 'label', 'n', 'median off (°)', 'at-camera'],
        [...new Set(scored.map((i) => `${i.person}|${i.label}`))].map((key) => {
          const [person, label] = key.split('|') as [string, string];
          const ks = scored.map((_, k) => k).filter((k) => scored[k]!.person === person && scored[k]!.label === label);
          const offs = ks.map((k) => preds[k]!.off).sort((a, b) => a - b);
          return [
            person,
            label,
            ks.length,
            fixed(offs[Math.floor(offs.length / 2)]!, 1),
            ks.filter((k) => states[k] === 'at-camera').length,
          ];
        }),
      ),
    );
    // What another camera threshold would do: shown for transparency, the default is chosen in gaze.ts.
    const sweep = [4, 6, 8, 10, 12, 15, 20].map((deg) => {
      const st = scored.map((i) => predict(i, name === 'defaults' ? DEFAULT_GAZE_MODEL : modelOf(i), deg).state);
      const x = scores(scored, st);
      return [`${deg}°`, fixed(x.precision, 3), fixed(x.recall, 3)];
    });
    out.push(table(['cameraDeg', 'precision', 'recall'], sweep));
    figures[name] = { precision: round(s.precision, 3), recall: round(s.recall, 3), auc: round(area, 3) };
  }
  const d = figures.defaults as { precision: number; recall: number };
  return {
    report: out.join('\n'),
    figures: {
      precision: d.precision,
      recall: d.recall,
      n: scored.length,
      positives: count('camera'),
      people,
      defaults: figures.defaults,
      calibrated: { ...(figures.calibrated as object), people: [...models.keys()] },
      cameraDeg: DEFAULT_GAZE_THRESHOLDS.cameraDeg,
    },
  };
}
