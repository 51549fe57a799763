import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from '../../src/shared/settings';

describe('readSettings', () => {
  it('keeps good fields, resets bad ones alone, drops unknown keys', () => {
    expect(readSettings({ version: 1, analysisFps: 10, evil: true })).toEqual({ version: 1, analysisFps: 10 });
    expect(readSettings({ version: 1, analysisFps: 900 })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ version: 1, analysisFps: '10' })).toEqual(DEFAULT_SETTINGS);
  });

  it.each([undefined, null, 'x', 42, []])('falls back to defaults for %s', (stored) => {
    expect(readSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });
});
