// Pumps downscaled camera frames to the coach. Runs on the page's main thread (the isolated world
// shares it), so per frame it does the least possible: read, decide, close. Only frames the gate
// admits are turned into an ImageBitmap (decoded and scaled off the main thread by the browser) and
// transferred; every VideoFrame is closed whatever happens.
import { FrameGate } from '../core/frame-gate';

export interface FramePumpOptions {
  fps: number;
  /** longest side of the analysed frame, px; larger frames are scaled down, smaller kept */
  maxWidth: number;
}

export const DEFAULT_PUMP: FramePumpOptions = { fps: 5, maxWidth: 640 };

type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

export function canPumpFrames(): boolean {
  return typeof (globalThis as Record<string, unknown>).MediaStreamTrackProcessor === 'function';
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
  port.addEventListener(
    'message',
    (event: MessageEvent<unknown>) => {
      const data = event.data as { type?: unknown } | null;
      if (data && data.type === 'ack') gate.acknowledge();
    },
    { signal },
  );
  port.start();

  // maxBufferSize 1: when we are slow the browser drops old frames instead of queueing them.
  const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
  while (!signal.aborted) {
    let result: ReadableStreamReadResult<VideoFrame>;
    try {
      result = await reader.read();
    } catch {
      return;
    }
    if (result.done) return;
    const frame = result.value;
    const now = performance.now();
    if (signal.aborted || !gate.offer(now)) {
      frame.close();
      continue;
    }
    const width = Math.min(frame.displayWidth, options.maxWidth);
    const height = Math.round((frame.displayHeight * width) / frame.displayWidth);
    const capturedAt = performance.timeOrigin + now;
    createImageBitmap(frame, { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' })
      .then((bitmap) => {
        if (signal.aborted) return bitmap.close();
        port.postMessage({ type: 'frame', bitmap, capturedAt }, [bitmap]);
      })
      .catch(() => gate.acknowledge())
      .finally(() => frame.close());
  }
}
