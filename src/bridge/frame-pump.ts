// Pumps camera frames to the coach's face worker. Runs on the page's main thread (the isolated world
// shares it), so per frame it does the least possible: read, decide, copy, close.
// Memory (issue 7): an ImageBitmap per frame, transferred into the coach's process, grew the coach to
// ~620 MB at 10 fps (bench, 2026-12). Instead an admitted frame is copied (in the camera's own layout
// from a MediaStreamTrackProcessor, or as RGBA from the <video> fallback: frame-source.ts) into one
// of two ArrayBuffers that shuttle between the pump and the worker: transferred there, handed back
// with the acknowledgement. Every frame is closed whatever happens.
// The pump stops reading while the camera is off (muted or disabled) or the page stays hidden.
import { FrameGate } from '../core/frame-gate';
import { pauseReason, type PauseReason } from '../core/pause-policy';
import { parseFrameReply, type FrameMessage } from '../shared/frame-message';
import { canReadFrames, openFrameSource, type FrameSourceKind, type FrameSourceOptions, type SourceFrame } from './frame-source';

export interface FramePumpOptions {
  /** the analysis rate the user set, frames/s; the worker may ask for less (core/rate-governor.ts) */
  fps: number;
  /** longest side of the analysed frame, px; larger frames are scaled down, smaller kept */
  maxWidth: number;
  /** a page hidden this long pauses the pump, ms */
  hiddenGraceMs: number;
}

export const DEFAULT_PUMP: FramePumpOptions = { fps: 5, maxWidth: 640, hiddenGraceMs: 10_000 };

// Two buffers: one at the worker, one being filled (the gate keeps one frame in flight).
const POOL_SIZE = 2;
// How often a paused pump looks again: `enabled` has no event.
const PAUSE_POLL_MS = 250;
// Start reading this long before the next frame is due (a frame's time at 30 fps, so the one read is new).
const READ_AHEAD_MS = 30;

// (the abort listener goes with each wait: a pump sleeps several times a second for hours)
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** True when this browser can read camera frames at all (frame-source.ts). */
export const canPumpFrames = canReadFrames;

/** Watches the page's visibility and the camera track for core/pause-policy.ts. */
export class PauseWatch {
  private hiddenSince: number | null = null;

  constructor(
    private readonly track: MediaStreamTrack,
    private readonly hiddenGraceMs: number,
    signal: AbortSignal,
  ) {
    const onVisibility = () => {
      this.hiddenSince = document.visibilityState === 'hidden' ? (this.hiddenSince ?? performance.now()) : null;
    };
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility, { signal });
  }

  reason(nowMs: number): PauseReason {
    const { muted, enabled } = this.track;
    return pauseReason({ muted, enabled, hiddenSince: this.hiddenSince }, nowMs, this.hiddenGraceMs);
  }

  /** Resolves once nothing pauses the pump any more (or `signal` aborts). */
  resumed(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        if (signal.aborted || this.reason(performance.now()) === null) {
          clearInterval(timer);
          resolve();
        }
      }, PAUSE_POLL_MS);
    });
  }
}

/**
 * Runs until the track ends or `signal` aborts. Resolves when the pump stops. `source` picks the
 * frame source (frame-source.ts); `onSource` hears which one runs.
 */
export async function pumpFrames(
  track: MediaStreamTrack,
  port: MessagePort,
  options: FramePumpOptions,
  signal: AbortSignal,
  source: FrameSourceOptions & { onSource?: (kind: FrameSourceKind) => void } = {},
): Promise<void> {
  const gate = new FrameGate({ fps: options.fps, ackTimeoutMs: 2000 });
  const pool: ArrayBuffer[] = [];
  port.addEventListener(
    'message',
    (event: MessageEvent<unknown>) => {
      const reply = parseFrameReply(event.data);
      if (!reply) return;
      if (reply.type === 'rate') return gate.setFps(Math.min(options.fps, reply.fps));
      gate.acknowledge();
      // Only a buffer of our own realm is reused: in a Firefox content script the returned buffer
      // belongs to the page's compartment and cannot be written ("Permission denied to access
      // object", measured in Firefox ESR 153), so there each frame gets a fresh one.
      if (reply.buffer instanceof ArrayBuffer && pool.length < POOL_SIZE) pool.push(reply.buffer);
    },
    { signal },
  );
  port.start();

  const take = (size: number): ArrayBuffer => {
    for (let buffer = pool.pop(); buffer; buffer = pool.pop()) {
      if (buffer.byteLength >= size && buffer.byteLength <= size * 2) return buffer;
      // the frame size changed: a buffer that does not fit is dropped
    }
    return new ArrayBuffer(size);
  };

  const send = async (frame: SourceFrame, capturedAt: number): Promise<void> => {
    // The buffer this frame took from the pool, until it is transferred (else it goes back).
    const held: { buffer: ArrayBuffer | null } = { buffer: null };
    try {
      const { format, width, height, buffer } = await frame.read((size) => (held.buffer = take(size)), options.maxWidth);
      if (signal.aborted) return;
      const message: FrameMessage = {
        type: 'frame',
        format,
        width,
        height,
        timestamp: frame.timestamp,
        capturedAt,
        maxFps: options.fps,
        buffer,
      };
      port.postMessage(message, [buffer]);
      held.buffer = null;
    } catch {
      gate.acknowledge(); // nothing went out: let the next frame try
    } finally {
      if (held.buffer && pool.length < POOL_SIZE) pool.push(held.buffer);
      frame.close();
    }
  };

  const frames = openFrameSource(track, source);
  source.onSource?.(frames.kind);
  signal.addEventListener('abort', () => frames.close(), { once: true });
  const pause = new PauseWatch(track, options.hiddenGraceMs, signal);
  try {
    while (!signal.aborted) {
      if (pause.reason(performance.now()) !== null) {
        await pause.resumed(signal);
        continue;
      }
      // Between analysed frames, do not read at all: the track processor keeps only the newest frame
      // (maxBufferSize 1), the video source waits for the next one, so after the wait it is fresh, and
      // the page's main thread is spared reading and closing the 20-odd frames a second we would drop
      // (issue 7: page_main_ms_per_frame).
      const wait = gate.msUntilOpen(performance.now()) - READ_AHEAD_MS;
      if (wait > 0) {
        await sleep(wait, signal);
        continue;
      }
      const frame = await frames.next();
      if (!frame) return;
      const now = performance.now();
      if (signal.aborted || pause.reason(now) !== null || !gate.offer(now)) {
        frame.close();
        continue;
      }
      void send(frame, performance.timeOrigin + now);
    }
  } finally {
    frames.close();
  }
}
