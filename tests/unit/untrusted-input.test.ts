import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CoachSecrets } from '../../src/background/coach-secrets';
import { parseProbeMessage } from '../../src/shared/page-channel';
import { RequestSchema } from '../../src/shared/protocol';

describe('probe messages from the page (untrusted)', () => {
  it('accepts the three real shapes', () => {
    expect(parseProbeMessage('{"type":"local-stream","at":1700000000000}')).toEqual({ type: 'local-stream', at: 1700000000000 });
    expect(parseProbeMessage('{"type":"remote-track","kind":"audio","pc":2}')).toEqual({ type: 'remote-track', kind: 'audio', pc: 2 });
    expect(parseProbeMessage('{"type":"display","sharing":true}')).toEqual({ type: 'display', sharing: true });
  });

  it.each([
    undefined,
    42,
    'not json',
    '{"type":"local-stream"}',
    '{"type":"local-stream","at":-1}',
    '{"type":"local-stream","at":"soon"}',
    '{"type":"remote-track","kind":"screen","pc":0}',
    '{"type":"remote-track","kind":"audio","pc":1.5}',
    '{"type":"display","sharing":"yes"}',
    '{"type":"evil","payload":1}',
    `{"type":"display","sharing":true,"pad":"${'x'.repeat(2000)}"}`,
  ])('rejects %s', (raw) => {
    expect(parseProbeMessage(raw)).toBeNull();
  });
});

describe('runtime requests', () => {
  it('rejects forged or malformed requests', () => {
    for (const bad of [{ type: 'coach/verify', secret: 'short' }, { type: 'taps', taps: { localVideo: 'yes' } }, { type: 'nope' }, null]) {
      expect(v.safeParse(RequestSchema, bad).success).toBe(false);
    }
    expect(v.safeParse(RequestSchema, { type: 'coach/verify', secret: crypto.randomUUID() }).success).toBe(true);
  });
});

describe('CoachSecrets', () => {
  it('opens exactly one coach, in the tab that asked, within 30 s', () => {
    const secrets = new CoachSecrets();
    const s = secrets.issue(7, 0, 1000);
    expect(secrets.redeem(s, 8, 1001)).toBeNull(); // another tab: refused, and spent
    expect(secrets.redeem(s, 7, 1002)).toBeNull();
    const t = secrets.issue(7, 3, 2000);
    expect(secrets.redeem(t, 7, 2100)).toEqual({ tabId: 7, frameId: 3, issuedAt: 2000 });
    expect(secrets.redeem(t, 7, 2200)).toBeNull(); // one use
    const late = secrets.issue(7, 0, 0);
    expect(secrets.redeem(late, 7, 30_001)).toBeNull();
    expect(secrets.redeem(crypto.randomUUID(), 7, 1)).toBeNull();
  });
});
