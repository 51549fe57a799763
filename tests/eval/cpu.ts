// `npx tsx tests/eval/cpu.ts [--dialogue DIR]`: what the whole audio core (both detectors, echo gate, both
// turn-taking views) costs in node, as a share of one core, fed 128-sample render quanta of the dev
// conversations. The budget is 3 % of a core for the audio path in the browser; the browser bench
// (AudioWorklet included) is where that is finally measured.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Conversation } from '../../src/core/audio/conversation';
import { readWav } from '../support/wav';
import { dialogueDirs } from './dialogue-eval';
import { RENDER_QUANTUM } from './run-vad';
import { table } from './table';

const repo = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { dialogue: { type: 'string', default: resolve(repo, '.cache/eval/dialogues') } } });

const rows = dialogueDirs(values.dialogue).map((dir) => {
  const local = readWav(join(dir, 'local.wav'));
  const remote = readWav(join(dir, 'remote.wav'));
  const conversation = new Conversation(local.sampleRate, {});
  const l = new Float32Array(RENDER_QUANTUM);
  const r = new Float32Array(RENDER_QUANTUM);
  const started = process.hrtime.bigint();
  for (let at = 0; at + RENDER_QUANTUM <= local.samples.length; at += RENDER_QUANTUM) {
    l.set(local.samples.subarray(at, at + RENDER_QUANTUM));
    r.set(remote.samples.subarray(at, at + RENDER_QUANTUM));
    conversation.process(l, r, (at * 1000) / local.sampleRate);
  }
  const cpuS = Number(process.hrtime.bigint() - started) / 1e9;
  const audioS = local.samples.length / local.sampleRate;
  return [dir.split('/').at(-1)!, local.sampleRate, audioS.toFixed(1), (cpuS * 1000).toFixed(0), ((cpuS / audioS) * 100).toFixed(2)];
});
console.log(table(['dialogue', 'Hz', 'audio s', 'cpu ms', '% of a core'], rows));
