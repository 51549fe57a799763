// `npx tsx tests/eval/vad-sweep.ts [--vad DIR]`: why the detector's numbers are what they are. Varies one
// parameter at a time around DEFAULT_STREAM_VAD on the AMI clips (default ../shared/media/audio/ami) and
// prints pooled frame F1, also split into the clips pyannote calls train (trn*) and development (dev*):
// the parameters were chosen on all of them, so dev is not a held-out score.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_STREAM_VAD, type StreamVadOptions } from '../../src/core/audio/stream-vad';
import { fixed, table } from './table';
import { evaluateVadDir, pooled, prf } from './vad-eval';

const repo = resolve(import.meta.dirname, '../..');
const shared = process.env.WEBSIDE_SHARED ?? resolve(repo, '../shared');
const { values } = parseArgs({ options: { vad: { type: 'string', default: resolve(shared, 'media/audio/ami') } } });

type Variant = [string, (o: StreamVadOptions) => void];
const variants: Variant[] = [
  ['defaults', () => {}],
  ['energy only (every frame voiced)', (o) => (o.score.voicedMin = 0)],
  ...[0.55, 0.6, 0.7, 0.75].map((v): Variant => [`voicedMin ${v}`, (o) => (o.score.voicedMin = v)]),
  ...[5, 10].map((v): Variant => [`unvoicedCeilingDb ${v}`, (o) => (o.score.unvoicedCeilingDb = v)]),
  ...[6, 12, 15].map((v): Variant => [`positive ${v} dB`, (o) => (o.activity.positive = v)]),
  ...[3, 8].map((v): Variant => [`negative ${v} dB`, (o) => (o.activity.negative = v)]),
  ...[60, 200].map((v): Variant => [`minSpeechMs ${v}`, (o) => (o.activity.minSpeechMs = v)]),
  ...[400, 700, 1300].map((v): Variant => [`redemptionMs ${v}`, (o) => (o.activity.redemptionMs = v)]),
  ['lookbackMs 0', (o) => (o.activity.lookbackMs = 0)],
  ...[-80, -60].map((v): Variant => [`minLevelDb ${v}`, (o) => (o.score.minLevelDb = v)]),
  ...[1, 10].map((v): Variant => [`floor riseDbPerS ${v}`, (o) => (o.score.floor = { ...o.score.floor, riseDbPerS: v })]),
];

const rows = variants.map(([name, change]) => {
  const options: StreamVadOptions = structuredClone(DEFAULT_STREAM_VAD);
  change(options);
  const results = evaluateVadDir(values.vad, options);
  const all = prf(pooled(results, (r) => r.segments));
  const part = (prefix: string) =>
    prf(
      pooled(
        results.filter((r) => r.uri.startsWith(prefix)),
        (r) => r.segments,
      ),
    ).f1;
  return [name, fixed(all.precision), fixed(all.recall), fixed(all.f1), fixed(part('trn')), fixed(part('dev'))];
});
console.log(table(['variant', 'precision', 'recall', 'F1', 'trn F1', 'dev F1'], rows));
