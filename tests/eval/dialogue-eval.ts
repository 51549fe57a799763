// `--dialogue DIR`: the whole conversation path (both detectors, echo gate, turn-taking in both views) run
// over local.wav + remote.wav in 128-sample blocks, as the AudioWorklet will run it, and scored against
// truth.json. Truth and detection are described by the same turn-taking rules (turn-events.ts); the truth
// timeline first has same-side pauses under 1 s merged, as the detector's redemption window does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Conversation, type ConversationOptions, DEFAULT_CONVERSATION } from '../../src/core/audio/conversation';
import { type Side, type TalkStats } from '../../src/core/audio/turn-taking';
import { readWav } from '../support/wav';
import { matchEvents, type Matching } from './event-match';
import { countFrames, frameMask, prf } from './frame-scores';
import { RENDER_QUANTUM } from './run-vad';
import { type Described, describe, mergePauses, type Segment, type TalkOver } from './turn-events';

export const ONSET_TOLERANCE_S = 0.3;

export interface DialogueResult {
  name: string;
  seconds: number;
  sampleRate: number;
  rttMs: number;
  truth: Described;
  detected: Described;
  talkOvers: Matching<TalkOver, TalkOver>;
  clientView: Matching<TalkOver, TalkOver>;
  backchannelsFlagged: number;
  latencyErrorsMs: number[];
  ratioErrorPoints: number;
  sideF1: Record<Side, number>;
}

export interface Truth {
  rttMs: number;
  segments: Segment[];
}

export function readTruth(path: string): Truth {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const t = raw as Partial<Truth>;
  if (typeof t !== 'object' || t === null || !(typeof t.rttMs === 'number' && t.rttMs >= 0))
    throw new Error(`${path}: "rttMs" must be a number ≥ 0`);
  if (!Array.isArray(t.segments)) throw new Error(`${path}: "segments" must be an array`);
  t.segments.forEach((s, i) => {
    const ok = (s.side === 'local' || s.side === 'remote') && Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start;
    if (!ok)
      throw new Error(
        `${path}: segments[${i}] must be { side: "local" | "remote", start, end } with end > start, got ${JSON.stringify(s)}`,
      );
  });
  return t as Truth;
}

/** DIR itself when it holds truth.json, else its sub-folders that do. */
export function dialogueDirs(dir: string): string[] {
  if (existsSync(join(dir, 'truth.json'))) return [dir];
  const dirs = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'truth.json')))
    .map((e) => join(dir, e.name))
    .sort();
  if (dirs.length === 0) throw new Error(`${dir}: no truth.json here or in any sub-folder (make them with tests/eval/make-dialogues.ts)`);
  return dirs;
}

/** Runs the conversation core over the two files; returns what it reported. */
export function detect(localPath: string, remotePath: string, rttMs: number, options: ConversationOptions = DEFAULT_CONVERSATION) {
  const local = readWav(localPath);
  const remote = readWav(remotePath);
  if (local.sampleRate !== remote.sampleRate)
    throw new Error(`${localPath} is ${local.sampleRate} Hz but ${remotePath} is ${remote.sampleRate} Hz`);
  const segments: Segment[] = [];
  const open: Record<Side, number> = { local: Number.NaN, remote: Number.NaN };
  const detected: Described = { talkOvers: [], backchannels: [], responses: [], stats: {} as TalkStats };
  const clientTalkOvers: TalkOver[] = [];
  const conversation = new Conversation(
    local.sampleRate,
    {
      speech(side, e) {
        if (e.type === 'speech-start') open[side] = e.atMs;
        else segments.push({ side, start: e.startMs / 1000, end: e.atMs / 1000 });
      },
      turn(e) {
        if (e.type === 'talk-over') {
          const t = { by: e.by, atS: e.atMs / 1000, overlapS: e.overlapMs / 1000, kind: e.kind };
          (e.view === 'therapist' ? detected.talkOvers : clientTalkOvers).push(t);
        } else if (e.type === 'backchannel') {
          if (e.view === 'therapist') detected.backchannels.push({ by: e.by, atS: e.atMs / 1000, durationS: e.durationMs / 1000 });
        } else detected.responses.push({ atS: e.atMs / 1000, gapS: e.gapMs / 1000 });
      },
    },
    options,
  );
  conversation.setOneWayDelay(rttMs / 2);
  const n = Math.max(local.samples.length, remote.samples.length);
  const blockL = new Float32Array(RENDER_QUANTUM);
  const blockR = new Float32Array(RENDER_QUANTUM);
  for (let at = 0; at + RENDER_QUANTUM <= n; at += RENDER_QUANTUM) {
    for (let i = 0; i < RENDER_QUANTUM; i++) {
      blockL[i] = local.samples[at + i] ?? 0;
      blockR[i] = remote.samples[at + i] ?? 0;
    }
    conversation.process(blockL, blockR, (at * 1000) / local.sampleRate);
  }
  conversation.flush();
  conversation.stats(detected.stats);
  return { sampleRate: local.sampleRate, seconds: n / local.sampleRate, segments, detected, clientTalkOvers };
}

export function evaluateDialogue(dir: string, options: ConversationOptions = DEFAULT_CONVERSATION): DialogueResult {
  const truthFile = readTruth(join(dir, 'truth.json'));
  const truthSegments = mergePauses(truthFile.segments);
  const truth = describe(truthSegments);
  const truthClient = describe(truthSegments, 'client', truthFile.rttMs);
  const run = detect(join(dir, 'local.wav'), join(dir, 'remote.wav'), truthFile.rttMs, options);
  const sameSide = (a: TalkOver, b: TalkOver) => a.by === b.by;
  const talkOvers = matchEvents(truth.talkOvers, run.detected.talkOvers, ONSET_TOLERANCE_S, sameSide);
  const clientView = matchEvents(truthClient.talkOvers, run.clientTalkOvers, ONSET_TOLERANCE_S, sameSide);
  const backchannelsFlagged = truth.backchannels.filter((b) =>
    run.detected.talkOvers.some((t) => t.by === b.by && Math.abs(t.atS - b.atS) <= ONSET_TOLERANCE_S),
  ).length;
  const responses = matchEvents(truth.responses, run.detected.responses, ONSET_TOLERANCE_S);
  const latencyErrorsMs = responses.pairs.map(([t, d]) => Math.abs(d.gapS - t.gapS) * 1000);
  const sideF1 = {} as Record<Side, number>;
  for (const side of ['local', 'remote'] as const) {
    const mask = (segs: Segment[]) =>
      frameMask(
        segs.filter((s) => s.side === side).map((s) => ({ startS: s.start, endS: s.end })),
        run.seconds,
      );
    sideF1[side] = prf(countFrames(mask(truthSegments), mask(run.segments), undefined)).f1;
  }
  return {
    name: dir.split('/').at(-1)!,
    seconds: run.seconds,
    sampleRate: run.sampleRate,
    rttMs: truthFile.rttMs,
    truth,
    detected: run.detected,
    talkOvers,
    clientView,
    backchannelsFlagged,
    latencyErrorsMs,
    ratioErrorPoints: Math.abs(run.detected.stats.localShare - truth.stats.localShare) * 100,
    sideF1,
  };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
