// Draws the toolbar icons (a calm teal tile with a lens ring and a warm dot: "look here") into
// assets/icon-N.png. Run once with `node src/build/make-icons.mjs`; the PNGs are committed.
// Anti-aliased by 4x4 supersampling; PNG written by hand with zlib (no image dependency).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** @param {Uint8Array} buf */
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = /** @type {number} */ (crcTable[(c ^ b) & 0xff]) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
/** @param {string} type @param {Buffer} data */
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

/**
 * Colour (RGBA 0..1) of the icon at unit coordinates x, y in [0, 1].
 * @param {number} x @param {number} y @returns {[number, number, number, number]}
 */
function shade(x, y) {
  const r = 0.22; // corner radius
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (Math.hypot(dx, dy) > r) return [0, 0, 0, 0];
  const d = Math.hypot(x - 0.5, y - 0.5);
  if (d < 0.12) return [1, 0.72, 0.35, 1]; // warm dot
  if (d > 0.24 && d < 0.33) return [1, 1, 1, 1]; // lens ring
  return [0.09, 0.47, 0.5, 1]; // teal
}

/** @param {number} size */
function png(size) {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      /** @type {[number, number, number, number]} */
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          const [r, g, b, alpha] = c;
          acc[0] += r * alpha;
          acc[1] += g * alpha;
          acc[2] += b * alpha;
          acc[3] += alpha;
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3] / (ss * ss);
      acc.slice(0, 3).forEach((sum, i) => (raw[o + i] = acc[3] > 0 ? Math.round((sum / acc[3]) * 255) : 0));
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../../assets/icon-${size}.png`, import.meta.url), png(size));
