// The coach's nudge wiring without a browser: metrics snapshots in, nudges and the popup's report out,
// mute from the service worker honoured.
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { NudgeReportSchema, type CoachMetrics } from '../../../src/shared/protocol';
import { readSettings } from '../../../src/shared/settings';
import { toggleSnooze } from '../../../src/background/snooze-command';
import { NO_MUTE, SNOOZE_MS } from '../../../src/shared/nudge-mute';
import { RITUALS_OFF } from './replay';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { CoachNudges } = await import('../../../src/coach/coach-nudges');

const vision = (lighting: string): CoachMetrics['vision'] => ({
  gaze: 'at-screen',
  gazeOffDeg: null,
  gazeCalibrated: false,
  lighting: lighting as 'good',
  lightFrom: null,
  framing: 'good',
  framingDetail: null,
  faceLuma: 120,
  faceWidth: 200,
});
const metrics = (lighting: string, state: CoachMetrics['state'] = 'live'): CoachMetrics => ({
  state,
  fps: 5,
  detectMsP50: 30,
  detectMsP95: 40,
  frames: 100,
  presence: 'face',
  yaw: 0,
  pitch: 0,
  roll: 0,
  firstFaceAt: 0,
  modelLoadMs: 800,
  lastError: null,
  vision: vision(lighting),
  // conversation absent: another engineer fills it; the policy must cope
});

function run(seconds: number, setup: (n: InstanceType<typeof CoachNudges>, t: number) => { m: CoachMetrics; hidden?: boolean }) {
  let now = 0;
  const nudges = new CoachNudges(
    () => now,
    () => 1_000_000 + now,
  );
  nudges.setSettings(readSettings({ version: 2, nudges: RITUALS_OFF }));
  const at: number[] = [];
  for (let t = 0; t < seconds; t++) {
    now = t * 1000;
    const { m, hidden } = setup(nudges, t);
    if (nudges.step(m, hidden)) at.push(t);
  }
  return { nudges, at };
}

describe('CoachNudges', () => {
  it('nudges bad lighting from metrics without a conversation, and reports it for the popup', () => {
    const { nudges, at } = run(40, () => ({ m: metrics('too-dark') }));
    expect(at).toEqual([10]);
    const report = nudges.report();
    expect(v.is(NudgeReportSchema, report)).toBe(true);
    expect(report).toMatchObject({ shown: 1, byType: { lighting: 1 }, last: { type: 'lighting', text: 'More light', at: 1_010_000 } });
  });

  it('nothing while the coach is not live, or while the overlay is hidden (screen sharing)', () => {
    expect(run(40, () => ({ m: metrics('too-dark', 'loading') })).at).toEqual([]);
    expect(run(40, (_n, t) => ({ m: metrics('too-dark'), hidden: t < 30 })).at).toEqual([30]);
  });

  it('honours the snooze and quiet pushed by the service worker, and the settings', () => {
    const snoozed = run(40, (n, t) => {
      if (t === 0) n.setMute({ type: 'mute', snoozeUntil: 1_000_000 + 25_000, quiet: false });
      return { m: metrics('too-dark') };
    });
    expect(snoozed.at).toEqual([25]);
    const quiet = run(40, (n, t) => {
      if (t === 0) n.setMute({ type: 'mute', snoozeUntil: null, quiet: true });
      return { m: metrics('too-dark') };
    });
    expect(quiet.at).toEqual([]);
    const off = run(40, (n, t) => {
      if (t === 0) n.setSettings(readSettings({ version: 2, nudges: { ...RITUALS_OFF, lighting: false } }));
      return { m: metrics('too-dark') };
    });
    expect(off.at).toEqual([]);
  });

  it('the test speedup shortens every duration', () => {
    const { at } = run(40, (n, t) => {
      if (t === 0) n.setSpeedup(5);
      return { m: metrics('too-dark') };
    });
    expect(at).toEqual([2, 26]); // 10 s / 5 persistence; 120 s / 5 between the same type
  });
});

describe('snooze shortcut', () => {
  it('snoozes for SNOOZE_MS, and a second press lifts the snooze', () => {
    const snoozed = toggleSnooze(NO_MUTE, 1000);
    expect(snoozed.snoozeUntil).toBe(1000 + SNOOZE_MS);
    expect(toggleSnooze(snoozed, 2000).snoozeUntil).toBeNull();
    // an expired snooze is not running: pressing snoozes again
    expect(toggleSnooze(snoozed, 1000 + SNOOZE_MS + 1).snoozeUntil).toBe(1000 + 2 * SNOOZE_MS + 1);
    expect(toggleSnooze({ ...NO_MUTE, quietTabs: [4] }, 0).quietTabs).toEqual([4]);
  });
});
