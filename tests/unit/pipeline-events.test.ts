// The diagnostics event log (issue 8): what a change of taps says, and the log's bound.
import { makeTaps } from './support/taps';
import { describe, expect, it } from 'vitest';
import { appendEvent, MAX_EVENTS, tapsEvents } from '../../src/background/pipeline-events';
import type { PipelineEvent, Taps } from '../../src/shared/protocol';

const taps = (over: Partial<Taps> = {}): Taps => makeTaps({ remoteAudio: 1, remoteVideo: 1, ...over });

describe('tapsEvents', () => {
  it('says nothing for a call starting or for an unchanged report', () => {
    expect(tapsEvents(null, taps())).toEqual([]);
    expect(tapsEvents(taps(), taps({ remoteAudio: 2 }))).toEqual([]);
  });

  it('tells a camera switch, the mic muted and un-muted, the camera stopping, screen sharing', () => {
    expect(tapsEvents(taps(), taps({ cameraSwitches: 1 }))).toEqual(['camera switched: the coach follows the new camera track']);
    expect(tapsEvents(taps(), taps({ micMuted: true }))).toEqual(['mic muted by the page']);
    expect(tapsEvents(taps({ micMuted: true }), taps())).toEqual(['mic un-muted']);
    expect(tapsEvents(taps(), taps({ localVideo: false }))).toEqual(['camera track stopped']);
    expect(tapsEvents(taps(), taps({ sharing: true }))).toEqual(['screen sharing: overlay hidden']);
    expect(tapsEvents(taps({ sharing: true }), taps())).toEqual(['screen sharing stopped']);
  });
});

describe('appendEvent', () => {
  it('keeps the newest MAX_EVENTS, oldest first', () => {
    const log: PipelineEvent[] = [];
    for (let i = 0; i < MAX_EVENTS + 7; i++) appendEvent(log, { at: i, tabId: 1, what: `e${i}` });
    expect(log).toHaveLength(MAX_EVENTS);
    expect(log[0]!.at).toBe(7);
    expect(log.at(-1)!.what).toBe(`e${MAX_EVENTS + 6}`);
  });
});
