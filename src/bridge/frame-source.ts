// Where the frame pump (frame-pump.ts) gets camera frames from. Two sources, one shape:
//   track-processor  MediaStreamTrackProcessor on the page's main thread (Chrome): each VideoFrame
//                    is copied in the camera's own layout (I420 / NV12), no conversion here.
//   video-element    for browsers without it on the main thread (Firefox: DESIGN.md, "Firefox"): a
//                    <video> that is never put in any document (the page cannot find it), muted,
//                    playing a MediaStream that holds the page's own track (not a clone: a clone
//                    would keep the camera on after the page stops its track, until we noticed).
//                    A frame is announced by requestVideoFrameCallback (Firefox 132+, Chrome) or,
//                    where that is missing or never fires, a 50 ms timer; an admitted frame is drawn,
//                    scaled, into a reused canvas and read back as RGBA, which the coach accepts as is.
// The pump asks for frames only while nothing pauses it, offers each to its gate, and reads (copies)
// only the admitted ones; every frame is closed, read or not.
import { fitWidth, frameByteSize, isFrameFormat, planeLayout, type FrameFormat } from '../core/pixels';
import type { FrameSourceKind } from '../shared/frame-message';

export type { FrameSourceKind };

/** An admitted frame's pixels, tightly packed (core/pixels.ts), in a buffer the caller handed out. */
export interface RawFrame {
  format: FrameFormat;
  width: number;
  height: number;
  buffer: ArrayBuffer;
}

export interface SourceFrame {
  /** µs, increasing */
  readonly timestamp: number;
  /** Copies the pixels, scaled to at most `maxWidth` wide, into a buffer from `take(bytes)`. */
  read(take: (bytes: number) => ArrayBuffer, maxWidth: number): Promise<RawFrame>;
  /** Releases the frame; safe to call more than once. */
  close(): void;
}

export interface FrameSource {
  readonly kind: FrameSourceKind;
  /** The next frame; null once the track has ended or the source is closed. */
  next(): Promise<SourceFrame | null>;
  close(): void;
}

/**
 * e2e only: in a build made with VITE_WEBSIDE_TEST=1, 'video-element' stored under this key in
 * storage.local makes the bridge use the video-element source even where the track processor exists;
 * 'video-element-timer' also wakes it on the timer, as in Firefox 128-131. A normal build never reads it.
 */
export const TEST_FRAME_SOURCE_KEY = 'webside.test.frameSource';

export interface FrameSourceOptions {
  /** false: the video element even where the track processor exists (e2e test builds) */
  preferProcessor?: boolean;
  /** false: the video element wakes on its timer even where requestVideoFrameCallback exists */
  videoFrameCallback?: boolean;
}

export interface FrameSourceSupport {
  trackProcessor: boolean;
  videoElement: boolean;
}

/** What this context offers: MediaStreamTrackProcessor, and a DOM with <video> and 2D canvases. */
export function frameSourceSupport(scope: object = globalThis): FrameSourceSupport {
  const g = scope as Record<string, unknown>;
  return {
    trackProcessor: typeof g.MediaStreamTrackProcessor === 'function',
    videoElement: typeof g.document === 'object' && typeof g.HTMLVideoElement === 'function' && typeof g.OffscreenCanvas === 'function',
  };
}

/**
 * The source to use: the track processor when there is one (unless `preferProcessor` is false,
 * which e2e test builds use to run the Firefox path in Chromium), else the video element, else none.
 */
export function chooseFrameSource(support: FrameSourceSupport, preferProcessor = true): FrameSourceKind | null {
  if (support.trackProcessor && (preferProcessor || !support.videoElement)) return 'track-processor';
  return support.videoElement ? 'video-element' : null;
}

export function canReadFrames(): boolean {
  return chooseFrameSource(frameSourceSupport()) !== null;
}

/** @throws Error when this context has no way to read frames (see canReadFrames) */
export function openFrameSource(track: MediaStreamTrack, options: FrameSourceOptions = {}): FrameSource {
  const kind = chooseFrameSource(frameSourceSupport(), options.preferProcessor ?? true);
  if (kind === 'track-processor') return processorSource(track);
  if (kind === 'video-element') return videoElementSource(track, options.videoFrameCallback ?? true);
  throw new Error('this browser cannot read camera frames');
}

type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

function processorSource(track: MediaStreamTrack): FrameSource {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor }).MediaStreamTrackProcessor;
  // maxBufferSize 1: when we are slow (or paused) the browser drops old frames instead of queueing them.
  const reader = new Processor({ track, maxBufferSize: 1 }).readable.getReader();
  return {
    kind: 'track-processor',
    async next() {
      try {
        const result = await reader.read();
        return result.done ? null : videoFrameSource(result.value);
      } catch {
        return null;
      }
    },
    close: () => void reader.cancel().catch(() => {}),
  };
}

/**
 * A VideoFrame copied in its own layout; one wider than `maxWidth`, or whose pixels are not readable
 * as they are, is first scaled through an ImageBitmap, closed at once.
 */
function videoFrameSource(frame: VideoFrame): SourceFrame {
  return {
    timestamp: frame.timestamp,
    async read(take, maxWidth) {
      let scaled: VideoFrame | null = null;
      try {
        const visible = frame.visibleRect ?? { width: frame.displayWidth, height: frame.displayHeight };
        let source = frame;
        let format: FrameFormat | null = isFrameFormat(frame.format) ? frame.format : null;
        if (!format || visible.width > maxWidth) {
          const size = fitWidth(visible.width, visible.height, maxWidth);
          const bitmap = await createImageBitmap(frame, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' });
          scaled = new VideoFrame(bitmap, { timestamp: frame.timestamp });
          bitmap.close();
          source = scaled;
          format = isFrameFormat(scaled.format) ? scaled.format : null;
          if (!format) throw new Error(`unreadable pixel format ${String(scaled.format)}`);
        }
        const { width, height } = source.visibleRect ?? { width: source.displayWidth, height: source.displayHeight };
        const buffer = take(frameByteSize(format, width, height));
        await source.copyTo(buffer, { layout: planeLayout(format, width, height) });
        return { format, width, height, buffer };
      } finally {
        scaled?.close();
      }
    },
    close: () => frame.close(),
  };
}

// Without requestVideoFrameCallback (Firefox 128-131), or when it stays silent this long while the
// track is live, frames are taken on a timer instead (the pump's gate still sets the rate).
const TIMER_MS = 50;
const SILENT_RVFC_MS = 1000;
// HTMLMediaElement.HAVE_CURRENT_DATA
const HAVE_CURRENT_DATA = 2;

function videoElementSource(track: MediaStreamTrack, videoFrameCallback: boolean): FrameSource {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => {});
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let closed = false;
  let useTimer = !videoFrameCallback || typeof video.requestVideoFrameCallback !== 'function';
  let lastTimestamp = 0;

  const ended = () => closed || track.readyState === 'ended';
  const ready = () => video.readyState >= HAVE_CURRENT_DATA && video.videoWidth > 0 && video.videoHeight > 0;

  /** Resolves true at the next presented frame, false after `ms` without one. */
  const presented = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const handle = video.requestVideoFrameCallback(() => {
        clearTimeout(timer);
        resolve(true);
      });
      const timer = setTimeout(() => {
        video.cancelVideoFrameCallback(handle);
        resolve(false);
      }, ms);
    });
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const frame = (): SourceFrame => {
    // Strictly increasing, µs, on the page's clock (as a VideoFrame's timestamp is for the worker).
    const timestamp = Math.max(Math.round(performance.now() * 1000), lastTimestamp + 1);
    lastTimestamp = timestamp;
    return {
      timestamp,
      async read(take, maxWidth) {
        if (!ready()) throw new Error('the video has no frame yet');
        const { width, height } = fitWidth(video.videoWidth, video.videoHeight, maxWidth);
        if (!canvas || canvas.width !== width || canvas.height !== height) {
          canvas = new OffscreenCanvas(width, height);
          context = canvas.getContext('2d', { willReadFrequently: true, alpha: false });
        }
        if (!context) throw new Error('no 2D canvas');
        context.drawImage(video, 0, 0, width, height);
        const pixels = context.getImageData(0, 0, width, height).data;
        const buffer = take(frameByteSize('RGBA', width, height));
        new Uint8Array(buffer, 0, pixels.length).set(pixels);
        return { format: 'RGBA', width, height, buffer };
      },
      close: () => {},
    };
  };

  return {
    kind: 'video-element',
    async next() {
      for (;;) {
        if (ended()) return null;
        if (useTimer) await sleep(TIMER_MS);
        else if (!(await presented(SILENT_RVFC_MS)) && !ended() && ready()) useTimer = true; // it never fires here
        if (ended()) return null;
        if (ready()) return frame();
      }
    },
    close() {
      closed = true;
      video.pause();
      video.srcObject = null;
      canvas = null;
      context = null;
    },
  };
}
