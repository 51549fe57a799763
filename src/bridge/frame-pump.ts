// Pumps camera frames to the coach's face worker. Runs on the page's main thread (the isolated world
// shares it), so per frame it does the least possible: read, decide, copy, close.
// Memory (issue 7): an ImageBitmap per frame, transferred into the coach's process, grew the coach to
// ~620 MB at 10 fps (bench, 2026-12). Instead an admitted frame is copied in the camera's own layout
// (I420 / NV12: 1.5 bytes a pixel, no conversion here) into one of two ArrayBuffers that shuttle
// between the pump and the worker: transferred there, handed back with the acknowledgement. Only a
// frame wider than `maxWidth`, or one whose pixels are not readable as they are, is first scaled
// through an ImageBitmap, closed at once. Every VideoFrame is closed whatever happens.
// The pump stops reading while the camera is off (muted or disabled) or the page stays hidden.
import { FrameGate } from '../core/frame-gate';
import { pauseReason, type PauseReason } from '../core/pause-policy';
import { frameByteSize, isFrameFormat, planeLayout, type FrameFormat } from '../core/pixels';
import { parseFrameReply, type FrameMessage } from '../shared/frame-message';

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

type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

export function canPumpFrames(): boolean {
  return typeof (globalThis as Record<string, unknown>).MediaStreamTrackProcessor === 'function';
}

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

/** Runs until the track ends or `signal` aborts. Resolves when the pump stops. */
export async function pumpFrames(
  track: MediaStreamTrack,
  port: MessagePort,
  options: FramePumpOptions,
  signal: AbortSignal,
): Promise<void> {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor }).MediaStreamTrackProcessor;
  const gate = new FrameGate({ fps: options.fps, ackTimeoutMs: 2000 });
  const pool: ArrayBuffer[] = [];
  port.addEventListener(
    'message',
    (event: MessageEvent<unknown>) => {
      const reply = parseFrameReply(event.data);
      if (!reply) return;
      if (reply.type === 'rate') return gate.setFps(Math.min(options.fps, reply.fps));
      gate.acknowledge();
      if (reply.buffer && pool.length < POOL_SIZE) pool.push(reply.buffer);
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

  const send = async (frame: VideoFrame, capturedAt: number): Promise<void> => {
    let scaled: VideoFrame | null = null;
    let buffer: ArrayBuffer | null = null;
    try {
      const visible = frame.visibleRect ?? { width: frame.displayWidth, height: frame.displayHeight };
      let source = frame;
      let format: FrameFormat | null = isFrameFormat(frame.format) ? frame.format : null;
      if (!format || visible.width > options.maxWidth) {
        const width = Math.min(visible.width, options.maxWidth);
        const height = Math.round((visible.height * width) / visible.width);
        const bitmap = await createImageBitmap(frame, { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' });
        scaled = new VideoFrame(bitmap, { timestamp: frame.timestamp });
        bitmap.close();
        source = scaled;
        format = isFrameFormat(scaled.format) ? scaled.format : null;
        if (!format) throw new Error(`unreadable pixel format ${String(scaled.format)}`);
      }
      const rect = source.visibleRect ?? { width: source.displayWidth, height: source.displayHeight };
      const { width, height } = rect;
      buffer = take(frameByteSize(format, width, height));
      await source.copyTo(buffer, { layout: planeLayout(format, width, height) });
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
      buffer = null;
    } catch {
      gate.acknowledge(); // nothing went out: let the next frame try
    } finally {
      if (buffer && pool.length < POOL_SIZE) pool.push(buffer);
      scaled?.close();
      frame.close();
    }
  };

  // maxBufferSize 1: when we are slow (or paused) the browser drops old frames instead of queueing them.
  const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
  const pause = new PauseWatch(track, options.hiddenGraceMs, signal);
  while (!signal.aborted) {
    if (pause.reason(performance.now()) !== null) {
      await pause.resumed(signal);
      continue;
    }
    // Between analysed frames, do not read at all: with maxBufferSize 1 the browser keeps only the
    // newest frame, so after the wait it is fresh, and the page's main thread is spared reading and
    // closing the 20-odd frames a second we would drop (issue 7: page_main_ms_per_frame).
    const wait = gate.msUntilOpen(performance.now()) - READ_AHEAD_MS;
    if (wait > 0) {
      await sleep(wait, signal);
      continue;
    }
    let result: ReadableStreamReadResult<VideoFrame>;
    try {
      result = await reader.read();
    } catch {
      return;
    }
    if (result.done) return;
    const frame = result.value;
    const now = performance.now();
    if (signal.aborted || pause.reason(now) !== null || !gate.offer(now)) {
      frame.close();
      continue;
    }
    void send(frame, performance.timeOrigin + now);
  }
}
