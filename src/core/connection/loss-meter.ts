// Packet loss over the last interval, from the cumulative counters of an inbound-rtp stats entry
// (packetsLost can go down when late packets arrive: clamp; counters restart with a new stream).

export class LossMeter {
  private lost = Number.NaN;
  private received = Number.NaN;

  /** Cumulative counters now; returns percent lost since the previous call, null when unknown. */
  update(packetsLost: number, packetsReceived: number): number | null {
    if (!Number.isFinite(packetsLost) || !Number.isFinite(packetsReceived)) return null;
    const dLost = packetsLost - this.lost;
    const dReceived = packetsReceived - this.received;
    this.lost = packetsLost;
    this.received = packetsReceived;
    if (!(dReceived >= 0)) return null; // first call (NaN) or a restarted stream
    const expected = Math.max(0, dLost) + dReceived;
    return expected > 0 ? (100 * Math.max(0, dLost)) / expected : null;
  }
}
