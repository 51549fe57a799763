// The frames port between the bridge's frame pump and the coach's face worker (bridge/coach-frame.ts
// opens it). Frames travel as raw pixels in the camera's own layout (core/pixels.ts) inside an
// ArrayBuffer that is transferred, never copied into a new allocation: the worker hands each buffer
// back with its acknowledgement, so the pump cycles through a pool of two. Both ends validate what
// they receive: a malformed message is dropped (and acknowledged, so the pump never stalls).
import * as v from 'valibot';
import { FRAME_FORMATS, frameByteSize } from '../core/pixels';

/** Where the bridge reads camera frames from (bridge/frame-source.ts); reported in the taps. */
export const FRAME_SOURCES = ['track-processor', 'video-element'] as const;
export type FrameSourceKind = (typeof FRAME_SOURCES)[number];

/** Largest frame side accepted, px (the pump downscales to 640; room for a 4K camera sent whole). */
export const MAX_FRAME_SIDE = 4096;
/** Analysis rates the worker may ask for, frames/s. */
export const MIN_ASKED_FPS = 0.5;
export const MAX_ASKED_FPS = 30;

const byteLengthOf = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

/**
 * A real ArrayBuffer from any realm. `instanceof ArrayBuffer` is not enough: in a Firefox content
 * script a buffer that arrives over a MessagePort belongs to the page's compartment, and instanceof
 * is false (measured, Firefox ESR 153: every acknowledgement was dropped). The byteLength getter's
 * brand check accepts exactly ArrayBuffers (not a SharedArrayBuffer, not a look-alike, not an object
 * made from ArrayBuffer.prototype, which instanceof took).
 */
export function isArrayBuffer(x: unknown): x is ArrayBuffer {
  if (typeof x !== 'object' || x === null) return false;
  try {
    Reflect.apply(byteLengthOf, x, []);
    return true;
  } catch {
    return false;
  }
}
const anyArrayBuffer = v.custom<ArrayBuffer>(isArrayBuffer, 'expected an ArrayBuffer');

const side = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_FRAME_SIDE));
const finite = v.pipe(v.number(), v.finite());

const FrameMessageSchema = v.object({
  type: v.literal('frame'),
  format: v.picklist(FRAME_FORMATS),
  width: side,
  height: side,
  /** the VideoFrame's timestamp, µs */
  timestamp: finite,
  /** epoch ms the pump admitted the frame */
  capturedAt: finite,
  /** the rate the user set (the ceiling the worker's governor may go back up to), frames/s */
  maxFps: v.pipe(v.number(), v.minValue(MIN_ASKED_FPS), v.maxValue(MAX_ASKED_FPS)),
  buffer: anyArrayBuffer,
});
export type FrameMessage = v.InferOutput<typeof FrameMessageSchema>;

const FrameReplySchema = v.variant('type', [
  /** the frame is done with; its buffer comes back for reuse (null when it could not be read) */
  v.object({ type: v.literal('ack'), buffer: v.nullable(anyArrayBuffer) }),
  /** the analysis rate the worker can sustain now (core/rate-governor.ts) */
  v.object({ type: v.literal('rate'), fps: v.pipe(v.number(), v.minValue(MIN_ASKED_FPS), v.maxValue(MAX_ASKED_FPS)) }),
]);
export type FrameReply = v.InferOutput<typeof FrameReplySchema>;

/** A well-formed frame whose buffer holds at least its pixels, else null. */
export function parseFrameMessage(data: unknown): FrameMessage | null {
  const parsed = v.safeParse(FrameMessageSchema, data);
  if (!parsed.success) return null;
  const frame = parsed.output;
  return frame.buffer.byteLength >= frameByteSize(frame.format, frame.width, frame.height) ? frame : null;
}

export function parseFrameReply(data: unknown): FrameReply | null {
  const parsed = v.safeParse(FrameReplySchema, data);
  return parsed.success ? parsed.output : null;
}
