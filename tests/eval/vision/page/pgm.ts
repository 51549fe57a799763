// Binary PGM (P5, 8-bit) to RGBA ImageData: browsers do not decode PGM, and the Yale faces are PGM.

export function decodePgm(bytes: Uint8Array): ImageData {
  const fields: string[] = [];
  let at = 0;
  // Header: magic, width, height, maxval, separated by whitespace, with #-comments; then one
  // whitespace byte and the raster.
  while (fields.length < 4 && at < bytes.length) {
    const c = bytes[at]!;
    if (c === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
    } else if (c <= 0x20) {
      at++;
    } else {
      let token = '';
      while (at < bytes.length && bytes[at]! > 0x20) token += String.fromCharCode(bytes[at++]!);
      fields.push(token);
    }
  }
  at++; // the single whitespace byte before the raster
  const [magic, w, h, max] = [fields[0], Number(fields[1]), Number(fields[2]), Number(fields[3])];
  if (magic !== 'P5' || !(w > 0) || !(h > 0) || !(max > 0 && max < 256)) {
    throw new Error(`unsupported PGM (want 8-bit P5): ${fields.join(' ')}`);
  }
  if (bytes.length - at < w * h) throw new Error(`PGM raster too short: ${bytes.length - at} of ${w * h} bytes`);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const v = Math.round((bytes[at + i]! * 255) / max);
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  return new ImageData(rgba, w, h);
}
