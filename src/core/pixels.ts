// Raw camera pixels, as the bridge sends them (STYLE.md principle 4: callers own every buffer).
// A camera VideoFrame is copied in its native layout (I420 or NV12, tightly packed planes), so the
// bridge never converts on the call page's main thread; the face worker rebuilds RGBA from it. The
// browser's own converter (VideoFrame.copyTo with format RGBA) is used when it exists; the JS
// converter here is its fallback and the reference the unit tests check with known pixels.

import type { LumaImage } from './lighting';

export const FRAME_FORMATS = ['I420', 'NV12', 'RGBA', 'RGBX', 'BGRA', 'BGRX'] as const;
export type FrameFormat = (typeof FRAME_FORMATS)[number];

export function isFrameFormat(x: unknown): x is FrameFormat {
  return typeof x === 'string' && (FRAME_FORMATS as readonly string[]).includes(x);
}

/** One plane of a tightly packed frame: byte offset and row stride. */
export interface PlaneLayout {
  offset: number;
  stride: number;
}

/** The tightly packed planes of a `format` frame of width x height (chroma rounded up for odd sizes). */
export function planeLayout(format: FrameFormat, width: number, height: number): PlaneLayout[] {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const luma = width * height;
  switch (format) {
    case 'I420':
      return [
        { offset: 0, stride: width },
        { offset: luma, stride: cw },
        { offset: luma + cw * ch, stride: cw },
      ];
    case 'NV12':
      return [
        { offset: 0, stride: width },
        { offset: luma, stride: cw * 2 },
      ];
    default:
      return [{ offset: 0, stride: width * 4 }];
  }
}

/**
 * The size a width x height frame is analysed at: at most `maxWidth` wide (never wider than it is),
 * the aspect ratio kept, at least 1 px each way.
 * @throws RangeError for a size or limit that is not a positive number
 */
export function fitWidth(width: number, height: number, maxWidth: number): { width: number; height: number } {
  if (!(width > 0 && height > 0 && maxWidth > 0)) throw new RangeError(`need positive sizes, got ${width}x${height} (max ${maxWidth})`);
  const w = Math.max(1, Math.round(Math.min(width, maxWidth)));
  return { width: w, height: Math.max(1, Math.round((height * w) / width)) };
}

/** Bytes of a tightly packed `format` frame. */
export function frameByteSize(format: FrameFormat, width: number, height: number): number {
  if (format === 'I420' || format === 'NV12') return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
  return width * height * 4;
}

const clamp = (x: number) => (x < 0 ? 0 : x > 255 ? 255 : x);

/**
 * Tightly packed `format` pixels -> RGBA (alpha 255). YUV is read as BT.601 limited range ("video"
 * range, Y 16..235), which is what webcams deliver; integer coefficients from ITU-R BT.601 scaled by 256.
 * @throws RangeError when `src` or `out` is too small for width x height
 */
export function toRgba(format: FrameFormat, width: number, height: number, src: Uint8Array, out: Uint8Array | Uint8ClampedArray): void {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
    throw new RangeError(`frame size must be positive integers, got ${width}x${height}`);
  const need = frameByteSize(format, width, height);
  if (src.length < need) throw new RangeError(`${format} ${width}x${height} needs ${need} bytes, got ${src.length}`);
  if (out.length < width * height * 4) throw new RangeError(`RGBA ${width}x${height} needs ${width * height * 4} bytes, got ${out.length}`);

  if (format !== 'I420' && format !== 'NV12') {
    const bgr = format === 'BGRA' || format === 'BGRX';
    for (let i = 0; i < width * height * 4; i += 4) {
      out[i] = src[bgr ? i + 2 : i]!;
      out[i + 1] = src[i + 1]!;
      out[i + 2] = src[bgr ? i : i + 2]!;
      out[i + 3] = 255;
    }
    return;
  }
  const [, uPlane, vPlane] = planeLayout(format, width, height);
  const nv12 = format === 'NV12';
  for (let y = 0; y < height; y++) {
    const chromaRow = y >> 1;
    for (let x = 0; x < width; x++) {
      const c = 298 * (src[y * width + x]! - 16) + 128;
      let u: number;
      let v: number;
      if (nv12) {
        const at = uPlane!.offset + chromaRow * uPlane!.stride + (x >> 1) * 2;
        u = src[at]! - 128;
        v = src[at + 1]! - 128;
      } else {
        u = src[uPlane!.offset + chromaRow * uPlane!.stride + (x >> 1)]! - 128;
        v = src[vPlane!.offset + chromaRow * vPlane!.stride + (x >> 1)]! - 128;
      }
      const o = (y * width + x) * 4;
      out[o] = clamp((c + 409 * v) >> 8);
      out[o + 1] = clamp((c - 100 * u - 208 * v) >> 8);
      out[o + 2] = clamp((c + 516 * u) >> 8);
      out[o + 3] = 255;
    }
  }
}

/**
 * Area-averaged Rec. 601 luma of an RGBA image, `out.width` x `out.height` (each output pixel is the
 * mean of the source pixels it covers, so no source pixel is skipped as nearest-neighbour would).
 */
export function rgbaToLumaGrid(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, out: LumaImage): LumaImage {
  if (rgba.length < width * height * 4)
    throw new RangeError(`RGBA ${width}x${height} needs ${width * height * 4} bytes, got ${rgba.length}`);
  const { width: gw, height: gh, data } = out;
  if (data.length < gw * gh) throw new RangeError(`luma grid ${gw}x${gh} needs ${gw * gh} bytes, got ${data.length}`);
  for (let gy = 0; gy < gh; gy++) {
    const y0 = Math.floor((gy * height) / gh);
    const y1 = Math.max(y0 + 1, Math.floor(((gy + 1) * height) / gh));
    for (let gx = 0; gx < gw; gx++) {
      const x0 = Math.floor((gx * width) / gw);
      const x1 = Math.max(x0 + 1, Math.floor(((gx + 1) * width) / gw));
      let sum = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0, i = (y * width + x0) * 4; x < x1; x++, i += 4) sum += 77 * rgba[i]! + 150 * rgba[i + 1]! + 29 * rgba[i + 2]!;
      }
      data[gy * gw + gx] = Math.round(sum / ((y1 - y0) * (x1 - x0)) / 256);
    }
  }
  return out;
}
