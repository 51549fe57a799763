import { describe, expect, it } from 'vitest';
import { type Side, type TalkStats, type TurnEvent, TurnTaking, type View } from '../../../src/core/audio/turn-taking';

type Utterance = [Side, number, number]; // side, start ms, end ms

/** Feeds whole utterances, in time order, then settles; returns copies of the events and the stats. */
function analyse(utterances: Utterance[], view: View = 'therapist', oneWayDelayMs = 0) {
  const events: TurnEvent[] = [];
  const turns = new TurnTaking((e) => events.push({ ...e }), { backchannelMs: 500, minOverlapMs: 250 }, view);
  turns.oneWayDelayMs = oneWayDelayMs;
  // The client hears the therapist one round trip later: in that view, shift the therapist's speech.
  const shift = (side: Side) => (view === 'client' && side === 'local' ? 2 * oneWayDelayMs : 0);
  for (const [side, start, end] of [...utterances].sort((a, b) => a[1] + shift(a[0]) - (b[1] + shift(b[0])))) {
    turns.speechStart(side, start + shift(side));
    turns.speechEnd(side, end + shift(side));
  }
  turns.advance(Infinity);
  return { events, stats: turns.stats({} as TalkStats) };
}

const kinds = (events: TurnEvent[]) =>
  events.map((e) => (e.type === 'talk-over' ? `${e.kind}:${e.by}` : e.type === 'backchannel' ? `backchannel:${e.by}` : 'response'));

describe('TurnTaking', () => {
  it('reports a short "mm-hm" inside the other turn as a backchannel, never a talk-over', () => {
    const { events } = analyse([
      ['remote', 0, 5000],
      ['local', 2000, 2350],
    ]);
    expect(kinds(events)).toEqual(['backchannel:local']);
  });

  it.each([
    [300, 'backchannel:local'],
    [490, 'backchannel:local'],
    [510, 'interjection:local'],
    [1500, 'interjection:local'],
  ])('an utterance of %i ms inside the other turn is a %s', (length, kind) => {
    const { events } = analyse([
      ['remote', 0, 5000],
      ['local', 2000, 2000 + length],
    ]);
    expect(kinds(events)).toEqual([kind]);
    if (kind.startsWith('interjection')) expect(events[0]).toMatchObject({ atMs: 2000, overlapMs: length });
  });

  it.each([
    [400, 'interruption:local'],
    [900, 'interruption:local'],
    [2000, 'interruption:local'],
  ])('starting %i ms before the other stops and going on is an interruption, with that overlap', (overlap, kind) => {
    const { events } = analyse([
      ['remote', 0, 5000],
      ['local', 5000 - overlap, 9000],
    ]);
    expect(kinds(events)).toEqual([kind]);
    expect(events[0]).toMatchObject({ by: 'local', atMs: 5000 - overlap });
    expect((events[0] as { overlapMs: number }).overlapMs).toBeCloseTo(overlap, 6);
  });

  it('a start within minOverlapMs of the other stopping is a hand-over: a response with a negative gap', () => {
    const { events } = analyse([
      ['remote', 0, 5000],
      ['local', 4850, 8000],
    ]);
    expect(events).toEqual([{ type: 'response', view: 'therapist', atMs: 4850, gapMs: -150, clientGapMs: -150 }]);
  });

  it('measures the response gap, and what the client hears one round trip later', () => {
    const { events } = analyse(
      [
        ['local', 0, 3000],
        ['remote', 3600, 8000],
        ['local', 8700, 11000],
      ],
      'therapist',
      150,
    );
    expect(events).toEqual([{ type: 'response', view: 'therapist', atMs: 8700, gapMs: 700, clientGapMs: 1000 }]);
  });

  it('the client interrupting the therapist is reported with the client as the one who started', () => {
    const { events } = analyse([
      ['local', 0, 4000],
      ['remote', 3000, 7000],
      ['local', 7500, 9000],
    ]);
    expect(kinds(events)).toEqual(['interruption:remote', 'response']);
  });

  it('never penalises a client silence: a long pause before the client answers produces nothing', () => {
    const { events, stats } = analyse([
      ['local', 0, 3000],
      ['remote', 12000, 15000],
    ]);
    expect(events).toEqual([]);
    expect(stats.localShare).toBeCloseTo(0.5, 6);
  });

  it('in the client view the therapist arrives one round trip later, so a start into a pause can land on the client', () => {
    // The therapist starts 300 ms into a client pause; the client resumes 200 ms later and keeps going. The
    // therapist hears the client talk over them; with a 600 ms round trip the client hears the therapist arrive
    // 400 ms into their own resumed speech: the therapist talked over the client.
    const timeline: Utterance[] = [
      ['remote', 0, 4000],
      ['local', 4300, 6000],
      ['remote', 4500, 9000],
    ];
    expect(kinds(analyse(timeline, 'therapist').events)).toEqual(['response', 'interruption:remote']);
    const client = analyse(timeline, 'client', 300).events;
    expect(kinds(client)).toEqual(['interjection:local']);
    expect(client[0]).toMatchObject({ view: 'client', atMs: 4900, overlapMs: 1700 });
  });

  it('counts talk time and the longest monologue; an interjection does not end the holder’s monologue', () => {
    const { stats } = analyse([
      ['remote', 0, 4000],
      ['local', 1000, 1300], // backchannel
      ['remote', 5000, 12000], // same floor: a 12 s monologue with a pause
      ['local', 8000, 9000], // interjection
      ['local', 12500, 15000],
    ]);
    expect(stats.remoteTalkMs).toBeCloseTo(11000, 6);
    expect(stats.localTalkMs).toBeCloseTo(3800, 6);
    expect(stats.localShare).toBeCloseTo(3800 / 14800, 6);
    expect(stats.longestRemoteMs).toBeCloseTo(12000, 6);
    expect(stats.longestLocalMs).toBeCloseTo(2500, 6);
  });

  it('gives the same events whether boundaries arrive in order or late, as long as advance says what is settled', () => {
    const timeline: Utterance[] = [
      ['remote', 0, 5000],
      ['local', 2000, 2300],
      ['local', 4400, 9000],
      ['remote', 9600, 12000],
    ];
    const inOrder = analyse(timeline).events;
    const late: TurnEvent[] = [];
    const turns = new TurnTaking((e) => late.push({ ...e }));
    // Each side's boundaries come about a second late (a detector's redemption window), sides interleaved.
    turns.speechStart('remote', 0);
    turns.speechStart('local', 2000);
    turns.speechEnd('local', 2300);
    turns.advance(1500);
    turns.speechStart('local', 4400);
    turns.advance(4000);
    turns.speechEnd('remote', 5000);
    turns.advance(8000);
    turns.speechEnd('local', 9000);
    turns.speechStart('remote', 9600);
    turns.advance(9500);
    turns.speechEnd('remote', 12000);
    turns.advance(Infinity);
    expect(late).toEqual(inOrder);
    expect(kinds(inOrder)).toEqual(['backchannel:local', 'interruption:local']);
  });
});
