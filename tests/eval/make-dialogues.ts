// `npx tsx tests/eval/make-dialogues.ts [--out DIR]`: builds the dev conversations for
// `eval:audio --dialogue` from real single-speaker recordings in ../shared/media/audio (or $WEBSIDE_SHARED):
// DIR/<name>/{local.wav, remote.wav, truth.json}, DIR defaulting to .cache/eval/dialogues (git-ignored).
// truth.json is the timeline: { rttMs, segments: [{ side, start, end }] } (seconds) plus, for reading only,
// the mixing settings and the events the turn-taking rules find in it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeWav } from '../support/wav';
import { DIALOGUES } from './dialogue-scripts';
import { renderDialogue } from './mix';
import { describe, MERGE_PAUSE_S } from './turn-events';

const repo = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(repo, '.cache/eval/dialogues') } } });
const shared = process.env.WEBSIDE_SHARED ?? resolve(repo, '../shared');
const media = join(shared, 'media/audio');
const round = (x: number) => Math.round(x * 1000) / 1000;

for (const script of DIALOGUES) {
  const rendered = renderDialogue(script, media);
  for (const side of ['local', 'remote'] as const) {
    const mine = rendered.segments.filter((s) => s.side === side);
    for (let i = 1; i < mine.length; i++) {
      const pause = mine[i]!.start - mine[i - 1]!.end;
      if (pause < MERGE_PAUSE_S + 0.1)
        console.warn(`${script.name}: ${side} pauses only ${pause.toFixed(2)} s at ${mine[i]!.start.toFixed(2)} s`);
    }
  }
  const dir = join(values.out, script.name);
  mkdirSync(dir, { recursive: true });
  writeWav(join(dir, 'local.wav'), rendered.local, rendered.sampleRate);
  writeWav(join(dir, 'remote.wav'), rendered.remote, rendered.sampleRate);
  const segments = rendered.segments.map((s) => ({ side: s.side, start: round(s.start), end: round(s.end) }));
  const events = describe(segments);
  const truth = {
    rttMs: script.rttMs,
    segments,
    about: { sampleRate: script.sampleRate, echoDb: script.echoDb, echoDelayMs: script.echoDelayMs, therapistDb: script.therapistDb },
    events: { ...events, clientView: describe(segments, 'client', script.rttMs).talkOvers },
  };
  writeFileSync(join(dir, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
  const flagged = events.talkOvers.map((t) => `${t.kind} by ${t.by} at ${t.atS.toFixed(2)} (${t.overlapS.toFixed(2)} s)`);
  console.log(`${script.name}: ${(rendered.local.length / rendered.sampleRate).toFixed(1)} s, ${segments.length} segments`);
  console.log(`  talk-overs: ${flagged.join('; ') || 'none'}`);
  console.log(`  backchannels: ${events.backchannels.map((b) => `${b.by} at ${b.atS.toFixed(2)}`).join(', ') || 'none'}`);
  console.log(
    `  responses: ${events.responses.map((r) => `${r.atS.toFixed(2)} gap ${(r.gapS * 1000).toFixed(0)} ms`).join(', ') || 'none'}`,
  );
  console.log(`  client view: ${truth.events.clientView.map((t) => `${t.kind} by ${t.by} at ${t.atS.toFixed(2)}`).join('; ') || 'none'}`);
}
console.log(`written to ${values.out}`);
