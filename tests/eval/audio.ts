// `npm run eval:audio -- --vad DIR | --dialogue DIR` (issue 4). A human table, then, last, one JSON line.
//   --vad DIR       *.wav with RTTM speaker turns (and optional UEM) beside them, e.g. ../shared/media/audio/ami
//   --dialogue DIR  local.wav + remote.wav + truth.json, or sub-folders of them (tests/eval/make-dialogues.ts)
import { parseArgs } from 'node:util';
import { f1 } from './event-match';
import { evaluateDialogue, dialogueDirs, median } from './dialogue-eval';
import { fixed, table } from './table';
import { evaluateVadDir, pooled, prf } from './vad-eval';

const USAGE = 'usage: tsx tests/eval/audio.ts --vad DIR | --dialogue DIR';

function vad(dir: string): void {
  const results = evaluateVadDir(dir);
  const rows = results.map((r) => {
    const s = prf(r.segments);
    return [
      r.uri,
      r.seconds.toFixed(1),
      fixed(r.speechShare, 2),
      fixed(s.precision),
      fixed(s.recall),
      fixed(s.f1),
      fixed(prf(r.online).f1),
      r.note,
    ];
  });
  const all = prf(pooled(results, (r) => r.segments));
  const online = prf(pooled(results, (r) => r.online));
  rows.push([
    'overall',
    results.reduce((s, r) => s + r.seconds, 0).toFixed(1),
    '',
    fixed(all.precision),
    fixed(all.recall),
    fixed(all.f1),
    fixed(online.f1),
    '',
  ]);
  console.log(table(['file', 'seconds', 'speech', 'precision', 'recall', 'F1', 'online F1', ''], rows));
  console.log('\nF1 from speech-start/speech-end segments (back-dated times); online F1 from the per-frame state as it happens.');
  console.log(
    JSON.stringify({
      f1: round(all.f1),
      precision: round(all.precision),
      recall: round(all.recall),
      online_f1: round(online.f1),
      files: results.length,
    }),
  );
}

function dialogue(dir: string): void {
  const results = dialogueDirs(dir).map((d) => evaluateDialogue(d));
  const rows = results.map((r) => [
    r.name,
    r.rttMs,
    `${r.truth.talkOvers.length}/${r.detected.talkOvers.length}/${r.talkOvers.pairs.length}`,
    fixed(f1(r.talkOvers.pairs.length, r.truth.talkOvers.length, r.detected.talkOvers.length), 2),
    `${r.backchannelsFlagged}/${r.truth.backchannels.length}`,
    `${r.latencyErrorsMs.length}/${r.truth.responses.length}`,
    fixed(median(r.latencyErrorsMs), 0),
    `${fixed(r.truth.stats.localShare * 100, 1)}/${fixed(r.detected.stats.localShare * 100, 1)}`,
    fixed(r.ratioErrorPoints, 1),
    fixed(
      f1(
        r.clientView.pairs.length,
        r.clientView.pairs.length + r.clientView.missed.length,
        r.clientView.pairs.length + r.clientView.extra.length,
      ),
      2,
    ),
    `${fixed(r.sideF1.local, 2)}/${fixed(r.sideF1.remote, 2)}`,
  ]);
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((s, r) => s + pick(r), 0);
  const talkoverF1 = f1(
    sum((r) => r.talkOvers.pairs.length),
    sum((r) => r.truth.talkOvers.length),
    sum((r) => r.detected.talkOvers.length),
  );
  const clientF1 = f1(
    sum((r) => r.clientView.pairs.length),
    sum((r) => r.clientView.pairs.length + r.clientView.missed.length),
    sum((r) => r.clientView.pairs.length + r.clientView.extra.length),
  );
  const latency = median(results.flatMap((r) => r.latencyErrorsMs));
  const ratioErr = sum((r) => r.ratioErrorPoints) / results.length;
  const flagged = sum((r) => r.backchannelsFlagged);
  rows.push([
    'overall',
    '',
    `${sum((r) => r.truth.talkOvers.length)}/${sum((r) => r.detected.talkOvers.length)}/${sum((r) => r.talkOvers.pairs.length)}`,
    fixed(talkoverF1, 2),
    `${flagged}/${sum((r) => r.truth.backchannels.length)}`,
    `${sum((r) => r.latencyErrorsMs.length)}/${sum((r) => r.truth.responses.length)}`,
    fixed(latency, 0),
    '',
    fixed(ratioErr, 1),
    fixed(clientF1, 2),
    '',
  ]);
  console.log(
    table(
      [
        'dialogue',
        'rtt ms',
        'talk-over t/d/m',
        'F1',
        'bc flagged',
        'resp matched',
        'lat err ms',
        'talk % t/d',
        'err pts',
        'client-view F1',
        'frame F1 L/R',
      ],
      rows,
    ),
  );
  for (const r of results) {
    const miss = [
      ...r.talkOvers.missed.map((t) => `missed ${t.kind} by ${t.by} at ${t.atS.toFixed(2)}`),
      ...r.talkOvers.extra.map((t) => `extra ${t.kind} by ${t.by} at ${t.atS.toFixed(2)}`),
    ];
    if (miss.length) console.log(`${r.name}: ${miss.join('; ')}`);
  }
  console.log(
    '\nt/d/m = true/detected/matched (same speaker, onset within 300 ms); latency error = median |detected − true gap| over matched responses.',
  );
  console.log(
    JSON.stringify({
      talkover_f1: round(talkoverF1),
      backchannel_false: flagged,
      latency_mae_ms: round(latency, 1),
      talk_ratio_err: round(ratioErr, 2),
      talk_ratio_err_max: round(Math.max(...results.map((r) => r.ratioErrorPoints)), 2),
      client_view_talkover_f1: round(clientF1),
      dialogues: results.length,
    }),
  );
}

function round(x: number, digits = 4): number | null {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : null;
}

try {
  const { values } = parseArgs({ options: { vad: { type: 'string' }, dialogue: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) console.log(USAGE);
  else if (values.vad && !values.dialogue) vad(values.vad);
  else if (values.dialogue && !values.vad) dialogue(values.dialogue);
  else throw new Error('give exactly one of --vad DIR or --dialogue DIR');
} catch (err) {
  console.error(`✗ ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}
