import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, talkRatioBand } from '../../src/shared/settings';
import { isSnoozed, NO_MUTE, readMute } from '../../src/shared/nudge-mute';

describe('readSettings', () => {
  it('keeps good fields, resets bad ones alone, drops unknown keys', () => {
    const read = readSettings({ version: 2, analysisFps: 10, sensitivity: 'gentle', evil: true });
    expect(read).toEqual({ ...DEFAULT_SETTINGS, analysisFps: 10, sensitivity: 'gentle' });
    expect(read).not.toHaveProperty('evil');
    expect(readSettings({ version: 2, analysisFps: 900 })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ version: 2, analysisFps: '10' })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ version: 2, sensitivity: 'loud', retentionDays: -1 })).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates a version 1 record, keeping its analysis rate', () => {
    expect(readSettings({ version: 1, analysisFps: 10 })).toEqual({ ...DEFAULT_SETTINGS, analysisFps: 10 });
  });

  it('merges per-type nudge switches over the defaults and ignores unknown types', () => {
    const read = readSettings({ version: 2, nudges: { lighting: false, bogus: false } });
    expect(read.nudges.lighting).toBe(false);
    expect(read.nudges.framing).toBe(true);
    expect(read.nudges).not.toHaveProperty('bogus');
    expect(readSettings({ version: 2, nudges: { lighting: 'no' } }).nudges.lighting).toBe(true);
  });

  it('rejects an inverted custom talk-ratio band', () => {
    const read = readSettings({ version: 2, talkRatioPreset: 'custom', talkRatioMinPct: 70, talkRatioMaxPct: 20 });
    expect(talkRatioBand(read)).toEqual({ min: 30, max: 50 });
    expect(talkRatioBand(readSettings({ version: 2, talkRatioPreset: 'directive' }))).toEqual({ min: 40, max: 60 });
  });

  it.each([undefined, null, 'x', 42, []])('falls back to defaults for %s', (stored) => {
    expect(readSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('readMute', () => {
  it('reads a good record and treats anything malformed as not muted', () => {
    const mute = { version: 1, snoozeUntil: 2000, quietTabs: [3] };
    expect(readMute(mute)).toEqual(mute);
    expect(isSnoozed(readMute(mute), 1000)).toBe(true);
    expect(isSnoozed(readMute(mute), 3000)).toBe(false);
    for (const bad of [
      null,
      { version: 2 },
      { version: 1, snoozeUntil: 'soon', quietTabs: [] },
      { version: 1, snoozeUntil: null, quietTabs: ['x'] },
    ])
      expect(readMute(bad)).toEqual(NO_MUTE);
  });
});
