// A tiny luma image of a frame (64 px wide), for the lighting estimator at ~1 Hz. Drawn with an
// OffscreenCanvas in the worker; the canvas and buffers are reused while the frame size holds.
import type { LumaImage } from '../core/lighting';

const GRID_WIDTH = 64;

export class LumaGrid {
  private canvas: OffscreenCanvas | null = null;
  private context: OffscreenCanvasRenderingContext2D | null = null;
  private image: LumaImage = { width: 0, height: 0, data: new Uint8Array(0) };

  /** Luma (Rec. 601) of `source` scaled to 64 px wide; null where 2D canvases are unavailable. */
  read(source: ImageBitmap): LumaImage | null {
    const width = GRID_WIDTH;
    const height = Math.max(1, Math.round((source.height * width) / source.width));
    if (!this.canvas || this.image.height !== height) {
      if (typeof OffscreenCanvas === 'undefined') return null;
      this.canvas = new OffscreenCanvas(width, height);
      this.context = this.canvas.getContext('2d', { willReadFrequently: true });
      this.image = { width, height, data: new Uint8Array(width * height) };
    }
    const ctx = this.context;
    if (!ctx) return null;
    ctx.drawImage(source, 0, 0, width, height);
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const out = this.image.data;
    for (let i = 0, j = 0; i < out.length; i++, j += 4) {
      out[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]!) >> 8;
    }
    return this.image;
  }
}
