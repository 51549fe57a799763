// @ts-check
// The benchmark's flags (documented in bench.mjs).
/* global process, console */
import { parseArgs } from 'node:util';
import { BenchError } from './util.mjs';

const USAGE = 'usage: node tests/bench/bench.mjs [--seconds N] [--fps 5,10] [--base-seconds N] [--no-build] [--no-bare]';

/**
 * Reads the flags from process.argv. Prints the usage and exits 0 on --help, 2 on bad flags.
 * @returns {{ seconds: number, baseSeconds: number, rates: number[], build: boolean, bare: boolean }}
 */
export function parseOptions() {
  /** @type {{ seconds: number, baseSeconds: number, rates: number[], build: boolean, bare: boolean }} */
  let options;
  try {
    const { values } = parseArgs({
      options: {
        seconds: { type: 'string', default: '60' },
        // the baselines' length (default: --seconds); a 30-minute soak needs no 30-minute baselines
        'base-seconds': { type: 'string' },
        fps: { type: 'string', default: '5,10' },
        'no-build': { type: 'boolean', default: false },
        'no-bare': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const seconds = Number(values.seconds);
    if (!(seconds >= 5 && seconds <= 3600)) throw new BenchError(`--seconds wants a number from 5 to 3600, not "${values.seconds}".`);
    const baseSeconds = values['base-seconds'] === undefined ? seconds : Number(values['base-seconds']);
    if (!(baseSeconds >= 5 && baseSeconds <= 3600))
      throw new BenchError(`--base-seconds wants a number from 5 to 3600, not "${values['base-seconds']}".`);
    const rates = values.fps.split(',').map((s) => Number(s.trim()));
    if (rates.length === 0 || rates.some((r) => !Number.isInteger(r) || r < 1 || r > 15)) {
      throw new BenchError(`--fps wants a comma-separated list of whole rates from 1 to 15 (the settings' range), not "${values.fps}".`);
    }
    options = { seconds, baseSeconds, rates: [...new Set(rates)], build: !values['no-build'], bare: !values['no-bare'] };
  } catch (err) {
    console.error(`✗ ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exit(2);
  }
  return options;
}
