// The probe's reading of a getStats report, on a report shaped like Chromium's (known answers).
import { describe, expect, it } from 'vitest';
import { LossMeter } from '../../../src/core/connection/loss-meter';
import { readStats } from '../../../src/probe/connection-stats';

const report = (lost: number, received: number, rtt = 0.123) => [
  { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP2' },
  { id: 'CP1', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.9 },
  { id: 'CP2', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt },
  { id: 'IA', type: 'inbound-rtp', kind: 'audio', jitter: 0.0215, packetsLost: lost, packetsReceived: received },
  { id: 'IV', type: 'inbound-rtp', kind: 'video', jitter: 0.5, packetsLost: 900, packetsReceived: 1 },
  { id: 'RI', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.5 },
];

describe('readStats', () => {
  it('takes RTT from the selected pair, jitter and loss from inbound audio only', () => {
    const loss = new LossMeter();
    expect(readStats(report(0, 100), loss)).toEqual({ rttMs: 123, jitterMs: 21.5, lossPct: null });
    expect(readStats(report(5, 195), loss)).toEqual({ rttMs: 123, jitterMs: 21.5, lossPct: 5 });
  });

  it('falls back to remote-inbound RTT, and says null for what a report lacks', () => {
    const loss = new LossMeter();
    const partial = [{ id: 'RI', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.25 }];
    expect(readStats(partial, loss)).toEqual({ rttMs: 250, jitterMs: null, lossPct: null });
    expect(
      readStats(
        [
          { type: 'candidate-pair', currentRoundTripTime: 'x' },
          { type: 'inbound-rtp', kind: 'audio', jitter: -1 },
        ],
        loss,
      ),
    ).toEqual({
      rttMs: null,
      jitterMs: null,
      lossPct: null,
    });
  });
});
