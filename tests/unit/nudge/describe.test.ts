import { describe, expect, it } from 'vitest';
import { describeRules } from '../../../src/core/nudge/policy';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

describe('describeRules', () => {
  it('states the standard rules with the numbers the policy runs on', () => {
    const text = describeRules(DEFAULT_SETTINGS).join('\n');
    expect(text).toContain('looking away 8 s');
    expect(text).toContain('off 10 s');
    expect(text).toContain('every 20 s');
    expect(text).toContain('once every 2 min');
    expect(text).toContain('more than 5 s');
    expect(text).toContain('first 60 s');
    expect(text).toContain('target (40 %)');
  });

  it('follows the sensitivity preset and the eye-contact target', () => {
    const gentle = describeRules({ ...DEFAULT_SETTINGS, sensitivity: 'gentle', eyeContactTargetPct: 55 }).join('\n');
    expect(gentle).toContain('looking away 12 s');
    expect(gentle).toContain('every 40 s');
    expect(gentle).toContain('once every 4 min');
    expect(gentle).toContain('target (55 %)');
    expect(gentle).not.toContain('looking away 8 s');
  });
});
