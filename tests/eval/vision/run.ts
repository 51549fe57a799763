// Vision evaluation (issue 3): the extension's face code path in headless Chromium on labelled
// images; prints human tables and, last, one JSON line with the figures.
//
//   npx tsx tests/eval/vision/run.ts --lighting DIR --gaze DIR --framing DIR --flip DIR [--reuse]
//
// DIR holds images and labels.csv (formats in tests/eval/vision/README.md). --reuse reads the
// browser's results from .cache/eval/results/ instead of re-running the model (estimator tuning).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateFlip } from './flip-eval';
import { evaluateFraming } from './framing-eval';
import { evaluateGaze } from './gaze-eval';
import { evaluateLighting } from './lighting-eval';
import { Runner } from './runner';

const evaluations = { lighting: evaluateLighting, gaze: evaluateGaze, framing: evaluateFraming, flip: evaluateFlip } as const;
type Name = keyof typeof evaluations;

const { values } = parseArgs({
  options: {
    lighting: { type: 'string' },
    gaze: { type: 'string' },
    framing: { type: 'string' },
    flip: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const chosen = (Object.keys(evaluations) as Name[]).filter((name) => values[name] !== undefined);
if (values.help || chosen.length === 0) {
  console.info('usage: run.ts [--lighting DIR] [--gaze DIR] [--framing DIR] [--flip DIR] [--reuse]');
  process.exit(values.help ? 0 : 2);
}

const runner = new Runner(values.reuse);
const figures: Record<string, Record<string, unknown>> = {};
try {
  for (const name of chosen) {
    const dir = resolve(values[name] as string);
    const { report, figures: f } = await evaluations[name](runner, dir);
    console.log(`\n${report}`);
    figures[name] = { eval: name, dir, ...f };
  }
} finally {
  await runner.close();
}
// One evaluation: its figures at the top level; several: keyed by evaluation.
console.log(JSON.stringify(chosen.length === 1 ? figures[chosen[0]!] : figures));
