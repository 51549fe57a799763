// Is the local mic only hearing the client through the therapist's speakers? Without headphones the
// client's voice leaks into the mic a few tens of ms later and only a few dB down; it must not count as the
// therapist speaking. Per 10 ms frame, in ~31 Hz bins of the speech band (narrowband.ts), we predict the
// echo from the remote signal — its level at the echo delay, with a room's tail, plus a learned coupling —
// and call the frame the therapist's only if enough of the local energy sits in bins `marginDb` above that
// prediction. Two voices rarely fill the same narrow bins at once (different pitch harmonics and formants),
// so double talk passes while echo alone does not.
//   delay:    the lag (0..maxDelayMs) at which local minus remote speech-band level varies least while the
//             remote talks (broadband levels suffice for this)
//   coupling: per octave group, local minus predicted remote level while the remote talks; it rises fast on
//             frames within `marginDb` of the estimate (echo alone), falls slowly below it (a high quantile:
//             the prediction should cover the echo), falls fast when far below (headphones put on), and barely
//             moves on frames far above (the therapist talking over the client must not teach "loud echo").
// Everything is allocated in the constructor.
import { type FrameFeatures, SUB_BANDS } from './frame-features';
import { powerDb } from './power-db';

export interface EchoGateOptions {
  /** longest speaker-to-mic delay searched, ms (output + input buffering + air; 20–60 ms is typical) */
  maxDelayMs: number;
  /** a bin is the therapist's when it beats the predicted echo by this much, dB */
  marginDb: number;
  /** the frame is the therapist's when such bins hold at least this share of the local energy, 0–1 */
  minOwnShare: number;
  /** remote frames this far above their noise floor teach delay and coupling, dB */
  learnAboveDb: number;
  /** coupling assumed before anything is learned, dB (0: echo as loud as the remote — safe, forgets quickly) */
  initialCouplingDb: number;
}

// marginDb and minOwnShare from tests/eval/echo-sweep.ts on the dev conversations: at 8 dB / 0.05 no loud
// echo-only frame passes and 54 % of loud double-talk frames do. Talk-over F1 is 0.96 for margins of 7–12 dB
// at shares 0.05–0.1; at 5–6 dB echo leaks (1–5 % of frames) and F1 falls to 0.62–0.92; at a share of 0.2
// double talk is lost and it is 0.88. Without the gate: 0.60, and the talk ratio is off by 12 points.
export const DEFAULT_ECHO_GATE: EchoGateOptions = {
  maxDelayMs: 120,
  marginDb: 8,
  minOwnShare: 0.05,
  learnAboveDb: 15,
  initialCouplingDb: 0,
};

/** Forgetting of the per-lag statistics: about 2 s of remote speech; a lag counts after 0.3 s of it. */
const LAG_MEMORY_FRAMES = 200;
const MIN_LAG_FRAMES = 30;
/** Echo tail: frames after the delay that still count, and how much each is discounted (about RT60 300 ms). */
const TAIL_FRAMES = 8;
const TAIL_DECAY_DB_PER_FRAME = 2;
/** Coupling tracking, dB per second of remote speech (see the header). */
const RISE_DB_PER_S = 20;
const FALL_DB_PER_S = 2;
const FAST_FALL_DB_PER_S = 40;
const FAST_FALL_BELOW_DB = 10;
const DRIFT_DB_PER_S = 1;

export class EchoGate {
  /** the share of the last local frame's energy in bins above the predicted echo, 0–1 */
  ownShare = 1;
  /** true when the last local frame is explained by echo of the remote */
  echo = false;
  private readonly lags: number;
  private readonly bins: number;
  private readonly history: Float64Array; // remote bin levels, a ring of frames
  private readonly remoteLevel: Float64Array; // remote speech-band level, same ring
  private readonly remoteActive: Uint8Array;
  private readonly predicted: Float64Array; // remote bin level at the delay (before coupling)
  private readonly diffMean: Float64Array; // per lag: running mean, mean square and count of local − remote level
  private readonly diffSquare: Float64Array;
  private readonly diffCount: Float64Array;
  private readonly coupling = new Float64Array(SUB_BANDS);
  private readonly localGroup = new Float64Array(SUB_BANDS);
  private readonly remoteGroup = new Float64Array(SUB_BANDS);
  private readonly perFrame: { rise: number; fall: number; fastFall: number; drift: number };
  private head = 0;
  /** frames; -1 until learned */
  private delay = -1;

  constructor(
    private readonly frameMs: number,
    bins: number,
    private readonly options: EchoGateOptions = DEFAULT_ECHO_GATE,
  ) {
    if (!(options.maxDelayMs >= 0 && options.marginDb >= 0 && options.minOwnShare >= 0 && options.minOwnShare <= 1)) {
      throw new RangeError(`echo gate needs maxDelayMs ≥ 0, marginDb ≥ 0 and minOwnShare in [0, 1], got ${JSON.stringify(options)}`);
    }
    if (!(Number.isInteger(bins) && bins > 0)) throw new RangeError(`echo gate needs a positive number of bins, got ${bins}`);
    this.lags = Math.round(options.maxDelayMs / frameMs) + 1;
    this.bins = bins;
    const depth = this.lags + TAIL_FRAMES + 1;
    this.history = new Float64Array(depth * bins).fill(-120);
    this.remoteLevel = new Float64Array(depth).fill(-120);
    this.remoteActive = new Uint8Array(depth);
    this.predicted = new Float64Array(bins);
    this.diffMean = new Float64Array(this.lags);
    this.diffSquare = new Float64Array(this.lags);
    this.diffCount = new Float64Array(this.lags);
    this.coupling.fill(options.initialCouplingDb);
    const f = frameMs / 1000;
    this.perFrame = { rise: RISE_DB_PER_S * f, fall: FALL_DB_PER_S * f, fastFall: FAST_FALL_DB_PER_S * f, drift: DRIFT_DB_PER_S * f };
  }

  /** The echo delay in use, ms (NaN until learned). */
  get delayMs(): number {
    return this.delay < 0 ? Number.NaN : this.delay * this.frameMs;
  }

  /** The learned coupling of one octave group, dB. */
  couplingDb(group: number): number {
    return this.coupling[group]!;
  }

  /**
   * Feeds one frame of both sides (the same instant); `remoteAboveFloorDb` is the remote speech-band level
   * above its noise floor. Returns true when the local frame is explained by echo.
   */
  update(local: FrameFeatures, remote: FrameFeatures, remoteAboveFloorDb: number): boolean {
    const depth = this.remoteLevel.length;
    this.head = (this.head + 1) % depth;
    this.history.set(remote.narrowband.binDb, this.head * this.bins);
    this.remoteLevel[this.head] = remote.speechDb;
    this.remoteActive[this.head] = remoteAboveFloorDb >= this.options.learnAboveDb ? 1 : 0;
    this.learnDelay(local.speechDb);
    this.predictRemote();

    const localBins = local.narrowband.binDb;
    let own = 0;
    let total = 0;
    for (let k = 0; k < this.bins; k++) {
      const power = 10 ** (localBins[k]! / 10);
      total += power;
      if (localBins[k]! > this.predicted[k]! + this.coupling[local.binGroup[k]!]! + this.options.marginDb) own += power;
    }
    this.ownShare = total > 0 ? own / total : 1;
    this.echo = this.ownShare < this.options.minOwnShare;
    if (this.remoteActive[this.slot(Math.max(0, this.delay))]) this.learnCoupling(local);
    return this.echo;
  }

  private slot(lag: number): number {
    const depth = this.remoteLevel.length;
    return (this.head - lag + depth) % depth;
  }

  /**
   * Remote level of each bin as it arrives in the mic: the strongest of the frames around the delay (it is
   * not frame-aligned) and after it, discounted by the decay of a room's tail. Before a delay is learned,
   * the strongest frame of the whole search range.
   */
  private predictRemote(): void {
    const known = this.delay >= 0;
    const first = known ? Math.max(0, this.delay - 1) : 0;
    const last = known ? Math.min(this.lags - 1, this.delay + TAIL_FRAMES) : this.lags - 1;
    this.predicted.fill(-Infinity);
    for (let lag = first; lag <= last; lag++) {
      const discount = known ? Math.max(0, lag - this.delay - 1) * TAIL_DECAY_DB_PER_FRAME : 0;
      const base = this.slot(lag) * this.bins;
      for (let k = 0; k < this.bins; k++) {
        const level = this.history[base + k]! - discount;
        if (level > this.predicted[k]!) this.predicted[k] = level;
      }
    }
  }

  private learnDelay(localDb: number): void {
    let best = Infinity;
    for (let lag = 0; lag < this.lags; lag++) {
      const s = this.slot(lag);
      if (!this.remoteActive[s]) continue;
      // A running mean over the first frames, then exponential forgetting.
      const count = this.diffCount[lag]! + 1;
      this.diffCount[lag] = count;
      const alpha = 1 / Math.min(LAG_MEMORY_FRAMES, count);
      const d = localDb - this.remoteLevel[s]!;
      this.diffMean[lag] = this.diffMean[lag]! + alpha * (d - this.diffMean[lag]!);
      this.diffSquare[lag] = this.diffSquare[lag]! + alpha * (d * d - this.diffSquare[lag]!);
    }
    for (let lag = 0; lag < this.lags; lag++) {
      const variance = this.diffSquare[lag]! - this.diffMean[lag]! ** 2;
      if (this.diffCount[lag]! >= MIN_LAG_FRAMES && variance < best) {
        best = variance;
        this.delay = lag;
      }
    }
  }

  private learnCoupling(local: FrameFeatures): void {
    this.localGroup.fill(0);
    this.remoteGroup.fill(0);
    for (let k = 0; k < this.bins; k++) {
      const g = local.binGroup[k]!;
      this.localGroup[g] = this.localGroup[g]! + 10 ** (local.narrowband.binDb[k]! / 10);
      this.remoteGroup[g] = this.remoteGroup[g]! + 10 ** (this.predicted[k]! / 10);
    }
    const { rise, fall, fastFall, drift } = this.perFrame;
    for (let g = 0; g < SUB_BANDS; g++) {
      const observed = powerDb(this.localGroup[g]!) - powerDb(this.remoteGroup[g]!);
      const c = this.coupling[g]!;
      if (observed < c - FAST_FALL_BELOW_DB) this.coupling[g] = Math.max(observed, c - fastFall);
      else if (observed < c) this.coupling[g] = c - fall;
      else if (observed < c + this.options.marginDb) this.coupling[g] = Math.min(observed, c + rise);
      else this.coupling[g] = c + drift;
    }
  }
}
