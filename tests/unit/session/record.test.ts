import { describe, expect, it } from 'vitest';
import { expiredIds, parseRecord, RecordError } from '../../../src/core/session/record';
import { makeRecord, T0 } from './records';

describe('session records', () => {
  it('round-trips a real record through JSON and validation', () => {
    const record = makeRecord('a1');
    expect(parseRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('keeps the optional connection self-rating (1–5) and refuses any other value', () => {
    expect(parseRecord({ ...makeRecord('a1'), selfRating: 3 }).selfRating).toBe(3);
    expect(parseRecord(makeRecord('a1')).selfRating).toBeUndefined();
    expect(() => parseRecord({ ...makeRecord('a1'), selfRating: 7 })).toThrow(RecordError);
  });

  it('migrates a version 1 record (no nudge report) to the current version', () => {
    const { nudges: _dropped, ...oldAggregates } = makeRecord('a1').aggregates;
    const v1 = { ...makeRecord('a1'), version: 1, aggregates: oldAggregates };
    const read = parseRecord(v1);
    expect(read.version).toBe(2);
    expect(read.aggregates.nudges).toEqual({ shown: 0, byType: {} });
  });

  it.each([
    ['not an object', 'x'],
    ['an array', []],
    ['a newer version', { ...makeRecord('a'), version: 99 }],
    ['no version', { ...makeRecord('a'), version: undefined }],
    ['a URL for a site', { ...makeRecord('a'), site: 'https://meet.example.org/room/123' }],
    ['negative time', { ...makeRecord('a'), aggregates: { ...makeRecord('a').aggregates, sampledMs: -5 } }],
    ['end before start', { ...makeRecord('a'), endedAt: T0 - 1 }],
    [
      'a truncated histogram',
      (() => {
        const r = makeRecord('a');
        r.aggregates.conversation!.raw.hist.pop();
        return r;
      })(),
    ],
  ])('rejects %s with a clear error', (_label, stored) => {
    expect(() => parseRecord(stored)).toThrow(RecordError);
  });

  it('names the bad field', () => {
    expect(() => parseRecord({ ...makeRecord('a'), startedAt: 'yesterday' })).toThrow(/startedAt/);
  });

  it('expires closed records older than the retention, never open ones', () => {
    const day = 86_400_000;
    const old = makeRecord('old', { startedAt: T0 - 100 * day });
    const recent = makeRecord('recent', { startedAt: T0 - 10 * day });
    const openOld = {
      ...makeRecord('open', { startedAt: T0 - 100 * day }),
      open: {
        tabId: 1,
        tracksEndedAt: null,
        cursor: { at: 0, talkMs: null, talkOvers: null, perceivedOverlaps: null, responses: null, nudgesShown: null, nudgesByType: {} },
      },
    };
    expect(expiredIds([old, recent, openOld], T0, 90)).toEqual(['old']);
    expect(expiredIds([old, recent], T0, 5)).toEqual(['old', 'recent']);
  });
});
