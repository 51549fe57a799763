// The JS YUV -> RGBA fallback (src/core/pixels.ts) against Chromium's own converter, which the face
// worker uses when it can: the same pixels must come out of both, within 2 levels (rounding).
import { describe, expect, it } from 'vitest';
import { toRgba } from '../../src/core/pixels';
import { launchChromium } from '../../src/tools/chromium.mjs';

describe('YUV -> RGBA', () => {
  it('the JS converter matches VideoFrame.copyTo(RGBA) for I420 and NV12 (BT.601 limited range)', async () => {
    const { context, close } = await launchChromium({});
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('about:blank');
      const width = 64;
      const height = 48;
      const native = await page.evaluate(
        async ({ w, h }) => {
          const out: Record<string, { src: number[]; rgba: number[] }> = {};
          for (const format of ['I420', 'NV12'] as const) {
            const src = new Uint8Array(w * h * 1.5);
            for (let i = 0; i < src.length; i++) src[i] = 16 + ((i * 7919) % 220); // every level, scrambled
            const frame = new VideoFrame(src, {
              format,
              codedWidth: w,
              codedHeight: h,
              timestamp: 0,
              colorSpace: { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange: false },
            });
            const rgba = new Uint8Array(w * h * 4);
            await frame.copyTo(rgba, { format: 'RGBA' });
            frame.close();
            out[format] = { src: Array.from(src), rgba: Array.from(rgba) };
          }
          return out;
        },
        { w: width, h: height },
      );
      for (const format of ['I420', 'NV12'] as const) {
        const { src, rgba } = native[format]!;
        const mine = new Uint8Array(width * height * 4);
        toRgba(format, width, height, Uint8Array.from(src), mine);
        let max = 0;
        for (let i = 0; i < mine.length; i++) max = Math.max(max, Math.abs(mine[i]! - rgba[i]!));
        expect(max, format).toBeLessThanOrEqual(2);
        expect(new Set(rgba).size, `${format}: a varied picture`).toBeGreaterThan(100);
      }
    } finally {
      await close();
    }
  });
});
