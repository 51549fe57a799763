// Microphone level for the setup check: RMS and peak of short blocks in dBFS, and a verdict over the
// last few seconds of speech. Pure (numbers in, numbers out) so it is unit-tested without a browser.

export type MicVerdict = 'waiting' | 'ok' | 'too-quiet' | 'clipping';

export interface MicLevelOptions {
  /** the loudest block of the window must reach this to be heard clearly, dBFS */
  quietDb: number;
  /** a sample at or above this is (about to be) clipped, dBFS */
  clipDb: number;
  /** how long a window of blocks to judge, ms */
  windowMs: number;
}

// Speech at a normal distance reads about -30 to -15 dBFS RMS on a laptop mic with default gain; a
// loudest block under -42 dBFS is hard to follow on the client's side (WebRTC's AGC targets ~-18).
export const DEFAULT_MIC_LEVEL: MicLevelOptions = { quietDb: -42, clipDb: -0.5, windowMs: 4000 };

export const toDb = (x: number) => (x > 0 ? 20 * Math.log10(x) : -Infinity);

/** RMS and peak of one block of samples (-1..1), in dBFS. */
export function blockLevel(samples: Float32Array): { rmsDb: number; peakDb: number } {
  let sum = 0;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    sum += s * s;
    if (Math.abs(s) > peak) peak = Math.abs(s);
  }
  return { rmsDb: toDb(Math.sqrt(sum / Math.max(1, samples.length))), peakDb: toDb(peak) };
}

export class MicLevel {
  private readonly blocks: { at: number; rmsDb: number; peakDb: number }[] = [];
  private started: number | null = null;

  constructor(private readonly options: MicLevelOptions = DEFAULT_MIC_LEVEL) {}

  add(nowMs: number, rmsDb: number, peakDb: number): MicVerdict {
    this.started ??= nowMs;
    this.blocks.push({ at: nowMs, rmsDb, peakDb });
    while (this.blocks.length && nowMs - this.blocks[0]!.at > this.options.windowMs) this.blocks.shift();
    return this.verdict(nowMs);
  }

  /** Loudest block RMS over the window, dBFS. */
  get loudestDb(): number {
    return this.blocks.reduce((m, b) => Math.max(m, b.rmsDb), -Infinity);
  }

  verdict(nowMs: number): MicVerdict {
    if (this.blocks.some((b) => b.peakDb >= this.options.clipDb)) return 'clipping';
    if (this.loudestDb >= this.options.quietDb) return 'ok';
    // Silence for a whole window (nobody has spoken yet): too quiet only once a window has passed.
    return this.started !== null && nowMs - this.started >= this.options.windowMs ? 'too-quiet' : 'waiting';
  }
}
