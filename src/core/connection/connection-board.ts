// The call's connection, from the numbers of each of the page's peer connections: the worst of the
// live ones (a call may use several pcs: media, screen share, a relay), and whether any is degraded.
// A pc that has sent nothing for `staleMs` is dropped.
import { type ConnectionSample, DegradedConnection, type DegradedOptions, DEFAULT_DEGRADED } from './degraded-connection';

export interface ConnectionSummary extends ConnectionSample {
  degraded: boolean;
}

interface Entry {
  sample: ConnectionSample;
  atMs: number;
  monitor: DegradedConnection;
}

const worst = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export class ConnectionBoard {
  private readonly pcs = new Map<number, Entry>();

  constructor(
    private readonly staleMs = 6000,
    private readonly options: DegradedOptions = DEFAULT_DEGRADED,
  ) {}

  update(pc: number, sample: ConnectionSample, atMs: number): void {
    let entry = this.pcs.get(pc);
    if (!entry) {
      entry = { sample, atMs, monitor: new DegradedConnection(this.options) };
      this.pcs.set(pc, entry);
    }
    entry.sample = sample;
    entry.atMs = atMs;
    entry.monitor.update(sample, atMs);
  }

  /** The worst numbers of the live pcs, or null when none reports. */
  summary(nowMs: number): ConnectionSummary | null {
    let out: ConnectionSummary | null = null;
    for (const [pc, entry] of this.pcs) {
      if (nowMs - entry.atMs > this.staleMs) {
        this.pcs.delete(pc);
        continue;
      }
      const s = entry.sample;
      out = out
        ? {
            rttMs: worst(out.rttMs, s.rttMs),
            jitterMs: worst(out.jitterMs, s.jitterMs),
            lossPct: worst(out.lossPct, s.lossPct),
            degraded: out.degraded || entry.monitor.degraded,
          }
        : { ...s, degraded: entry.monitor.degraded };
    }
    return out;
  }
}
