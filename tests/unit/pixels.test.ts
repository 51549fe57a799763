// The JS YUV -> RGBA fallback against known BT.601 (limited range) colours, in both camera layouts.
import { describe, expect, it } from 'vitest';
import { fitWidth, frameByteSize, planeLayout, rgbaToLumaGrid, toRgba, type FrameFormat } from '../../src/core/pixels';

// Reference colours: [R, G, B] and their BT.601 limited-range Y'CbCr (ITU-R BT.601 table values).
const COLOURS: Array<{ name: string; rgb: [number, number, number]; yuv: [number, number, number] }> = [
  { name: 'white', rgb: [255, 255, 255], yuv: [235, 128, 128] },
  { name: 'black', rgb: [0, 0, 0], yuv: [16, 128, 128] },
  { name: 'red', rgb: [255, 0, 0], yuv: [81, 90, 240] },
  { name: 'green', rgb: [0, 255, 0], yuv: [145, 54, 34] },
  { name: 'blue', rgb: [0, 0, 255], yuv: [41, 240, 110] },
  { name: 'mid grey', rgb: [128, 128, 128], yuv: [126, 128, 128] },
];

/** A frame made of 2x2 blocks, block i (left to right) of colour i; returns the packed buffer. */
function blocks(format: 'I420' | 'NV12', yuvs: Array<[number, number, number]>, height = 2): { data: Uint8Array; width: number } {
  const width = yuvs.length * 2;
  const data = new Uint8Array(frameByteSize(format, width, height));
  const [, u, v] = planeLayout(format, width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = yuvs[x >> 1]![0];
  for (let cy = 0; cy < Math.ceil(height / 2); cy++) {
    for (let cx = 0; cx < yuvs.length; cx++) {
      const [, cb, cr] = yuvs[cx]!;
      if (format === 'I420') {
        data[u!.offset + cy * u!.stride + cx] = cb;
        data[v!.offset + cy * v!.stride + cx] = cr;
      } else {
        data[u!.offset + cy * u!.stride + cx * 2] = cb;
        data[u!.offset + cy * u!.stride + cx * 2 + 1] = cr;
      }
    }
  }
  return { data, width };
}

describe('toRgba', () => {
  for (const format of ['I420', 'NV12'] as const) {
    it(`${format}: known colours come back within 3 levels`, () => {
      const { data, width } = blocks(
        format,
        COLOURS.map((c) => c.yuv),
      );
      const out = new Uint8ClampedArray(width * 2 * 4);
      toRgba(format, width, 2, data, out);
      COLOURS.forEach((c, i) => {
        for (const [x, y] of [
          [2 * i, 0],
          [2 * i + 1, 1],
        ] as const) {
          const o = (y * width + x) * 4;
          const got = [out[o]!, out[o + 1]!, out[o + 2]!];
          got.forEach((value, k) => expect(Math.abs(value - c.rgb[k]!), `${c.name} channel ${k}: ${got}`).toBeLessThanOrEqual(3));
          expect(out[o + 3]).toBe(255);
        }
      });
    });
  }

  it('I420 and NV12 of the same picture agree exactly, odd sizes included', () => {
    const width = 5;
    const height = 3;
    const i420 = new Uint8Array(frameByteSize('I420', width, height));
    const nv12 = new Uint8Array(frameByteSize('NV12', width, height));
    expect(i420.length).toBe(15 + 2 * 3 * 2);
    for (let i = 0; i < 15; i++) i420[i] = nv12[i] = 16 + ((i * 37) % 220);
    const [, u, v] = planeLayout('I420', width, height);
    for (let k = 0; k < 6; k++) {
      const cb = 20 + ((k * 53) % 200);
      const cr = 30 + ((k * 71) % 190);
      i420[u!.offset + k] = cb;
      i420[v!.offset + k] = cr;
      nv12[15 + 2 * k] = cb;
      nv12[15 + 2 * k + 1] = cr;
    }
    const a = new Uint8Array(width * height * 4);
    const b = new Uint8Array(width * height * 4);
    toRgba('I420', width, height, i420, a);
    toRgba('NV12', width, height, nv12, b);
    expect([...a]).toEqual([...b]);
  });

  it('swaps BGRA to RGBA and makes alpha opaque', () => {
    const out = new Uint8Array(8);
    toRgba('BGRX', 2, 1, new Uint8Array([1, 2, 3, 0, 10, 20, 30, 0]), out);
    expect([...out]).toEqual([3, 2, 1, 255, 30, 20, 10, 255]);
    toRgba('RGBA', 2, 1, new Uint8Array([1, 2, 3, 9, 10, 20, 30, 9]), out);
    expect([...out]).toEqual([1, 2, 3, 255, 10, 20, 30, 255]);
  });

  it('refuses buffers too small for the frame, with the sizes in the message', () => {
    const formats: FrameFormat[] = ['I420', 'NV12', 'RGBA'];
    for (const format of formats) {
      const need = frameByteSize(format, 4, 4);
      expect(() => toRgba(format, 4, 4, new Uint8Array(need - 1), new Uint8Array(64))).toThrow(new RegExp(`needs ${need} bytes`));
    }
    expect(() => toRgba('I420', 4, 4, new Uint8Array(24), new Uint8Array(63))).toThrow(/RGBA 4x4 needs 64/);
    expect(() => toRgba('I420', 0, 4, new Uint8Array(24), new Uint8Array(64))).toThrow(/positive integers/);
  });
});

describe('rgbaToLumaGrid', () => {
  it('averages each cell: a left-dark right-bright image gives two flat halves', () => {
    const width = 8;
    const height = 4;
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) rgba.fill(x < 4 ? 40 : 200, (y * width + x) * 4, (y * width + x) * 4 + 3);
    const grid = rgbaToLumaGrid(rgba, width, height, { width: 4, height: 2, data: new Uint8Array(8) });
    expect([...grid.data]).toEqual([40, 40, 200, 200, 40, 40, 200, 200]);
  });

  it('uses Rec. 601 weights (green counts most) and covers every source pixel', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]); // 3x1: red, green, blue
    const one = rgbaToLumaGrid(rgba, 3, 1, { width: 1, height: 1, data: new Uint8Array(1) });
    // mean of 0.299*255, 0.587*255, 0.114*255 = 85
    expect(Math.abs(one.data[0]! - 85)).toBeLessThanOrEqual(1);
    const three = rgbaToLumaGrid(rgba, 3, 1, { width: 3, height: 1, data: new Uint8Array(3) });
    expect(three.data[1]! > three.data[0]! && three.data[0]! > three.data[2]!).toBe(true);
  });
});

describe('fitWidth', () => {
  it('keeps a frame that fits, scales a wider one down with its aspect ratio', () => {
    expect(fitWidth(640, 480, 640)).toEqual({ width: 640, height: 480 });
    expect(fitWidth(320, 240, 640)).toEqual({ width: 320, height: 240 });
    expect(fitWidth(1280, 720, 640)).toEqual({ width: 640, height: 360 });
    expect(fitWidth(1920, 1080, 640)).toEqual({ width: 640, height: 360 });
    expect(fitWidth(1000, 750, 333)).toEqual({ width: 333, height: 250 });
  });
  it('never goes below 1 px', () => {
    expect(fitWidth(4000, 2, 640)).toEqual({ width: 640, height: 1 });
  });
  it('refuses sizes that are not positive', () => {
    for (const [w, h, m] of [
      [0, 480, 640],
      [640, 0, 640],
      [640, 480, 0],
      [Number.NaN, 480, 640],
    ] as const)
      expect(() => fitWidth(w, h, m)).toThrow(RangeError);
  });
});
