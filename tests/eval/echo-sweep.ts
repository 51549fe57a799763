// `npx tsx tests/eval/echo-sweep.ts [--dialogue DIR]`: why the echo gate's margin and share are what they
// are. For each setting, over the dev conversations (default .cache/eval/dialogues): the share of loud local
// frames that are echo alone but pass the gate (leak), the share of loud double-talk frames that pass
// (therapist heard through the client's echo), and the conversation metrics of `eval:audio --dialogue`.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONVERSATION, type ConversationOptions } from '../../src/core/audio/conversation';
import { EchoGate, type EchoGateOptions } from '../../src/core/audio/echo-gate';
import { Framer, FRAME_MS, frameLength } from '../../src/core/audio/framer';
import { StreamVad } from '../../src/core/audio/stream-vad';
import { readWav } from '../support/wav';
import { dialogueDirs, evaluateDialogue, median, readTruth } from './dialogue-eval';
import { f1 } from './event-match';
import { fixed, table } from './table';

const repo = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { dialogue: { type: 'string', default: resolve(repo, '.cache/eval/dialogues') } } });
const dirs = dialogueDirs(values.dialogue);

/** Frame-level leak and pass of one gate setting, from the truth timeline. */
function frameRates(dir: string, echo: EchoGateOptions) {
  const truth = readTruth(join(dir, 'truth.json'));
  const local = readWav(join(dir, 'local.wav'));
  const remote = readWav(join(dir, 'remote.wav'));
  const [lv, rv] = [new StreamVad(local.sampleRate), new StreamVad(local.sampleRate)];
  const gate = new EchoGate(FRAME_MS, lv.features.narrowband.binDb.length, echo);
  const n = frameLength(local.sampleRate);
  const [lf, rf] = [new Framer(n), new Framer(n)];
  const on = (side: string, t: number) => truth.segments.some((s) => s.side === side && s.start <= t && t < s.end);
  const counts = { echoOnly: 0, leaked: 0, doubleTalk: 0, passed: 0 };
  for (let at = 0, frame = 0; at + n <= local.samples.length; at += n, frame++) {
    lf.fill(local.samples, at);
    rf.fill(remote.samples, at);
    lf.clear();
    rf.clear();
    lv.analyse(lf.frame);
    rv.analyse(rf.frame);
    const loud = lv.score >= DEFAULT_CONVERSATION.vad.activity.positive;
    const isEcho = gate.update(lv.features, rv.features, rv.levelAboveFloorDb);
    const t = (frame + 0.5) * (FRAME_MS / 1000);
    // The first 3 s teach the gate; score after that.
    if (!loud || t < 3 || !on('remote', t)) continue;
    if (on('local', t)) {
      counts.doubleTalk++;
      if (!isEcho) counts.passed++;
    } else {
      counts.echoOnly++;
      if (!isEcho) counts.leaked++;
    }
  }
  return counts;
}

const settings: [string, Partial<EchoGateOptions>][] = [
  ['no gate', { minOwnShare: 0 }],
  ...[5, 6, 7, 8, 10, 12].flatMap((m) =>
    [0.05, 0.1, 0.2].map((s): [string, Partial<EchoGateOptions>] => [`margin ${m} dB, share ${s}`, { marginDb: m, minOwnShare: s }]),
  ),
];
const rows = settings.map(([name, change]) => {
  const echo = { ...DEFAULT_CONVERSATION.echo, ...change };
  const options: ConversationOptions = { ...DEFAULT_CONVERSATION, echo };
  const rates = dirs
    .map((d) => frameRates(d, echo))
    .reduce((a, b) => ({
      echoOnly: a.echoOnly + b.echoOnly,
      leaked: a.leaked + b.leaked,
      doubleTalk: a.doubleTalk + b.doubleTalk,
      passed: a.passed + b.passed,
    }));
  const results = dirs.map((d) => evaluateDialogue(d, options));
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((s, r) => s + pick(r), 0);
  return [
    name,
    fixed(rates.leaked / rates.echoOnly),
    fixed(rates.passed / rates.doubleTalk),
    fixed(
      f1(
        sum((r) => r.talkOvers.pairs.length),
        sum((r) => r.truth.talkOvers.length),
        sum((r) => r.detected.talkOvers.length),
      ),
      2,
    ),
    sum((r) => r.backchannelsFlagged),
    fixed(median(results.flatMap((r) => r.latencyErrorsMs)), 0),
    fixed(sum((r) => r.ratioErrorPoints) / results.length, 1),
  ];
});
console.log(table(['gate', 'echo leak', 'double-talk pass', 'talk-over F1', 'bc flagged', 'lat err ms', 'ratio err'], rows));
