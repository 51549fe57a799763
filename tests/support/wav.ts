// A small RIFF/WAVE reader and writer for tests and evaluation (never the product).
// Reads PCM 16-bit and IEEE float 32-bit (format 1, 3, or WAVE_FORMAT_EXTENSIBLE carrying either), any
// channel count, averaged to mono; skips unknown chunks (LIST, fact, ...). Every malformed input gets an
// error that names the file, the offset and what was expected. Writes PCM16 or float32 mono.
import { readFileSync, writeFileSync } from 'node:fs';

export interface Wav {
  sampleRate: number;
  /** mono samples in [-1, 1] (the mean of the channels) */
  samples: Float32Array;
  /** channel count of the file before mixing down */
  channels: number;
  format: 'pcm16' | 'float32';
}

export class WavError extends Error {
  override name = 'WavError';
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

interface Fmt {
  code: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number;
}

export function parseWav(bytes: Uint8Array, name = 'WAV'): Wav {
  const fail = (offset: number, what: string): never => {
    throw new WavError(`${name}: ${what} (at byte ${offset} of ${bytes.length})`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
  if (bytes.length < 12) fail(0, 'too short for a RIFF header, need 12 bytes');
  if (tag(0) !== 'RIFF') fail(0, `expected "RIFF", found "${tag(0)}"`);
  if (tag(8) !== 'WAVE') fail(8, `expected "WAVE", found "${tag(8)}"`);

  let fmt: Fmt | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16) fail(at, `"fmt " chunk of ${size} bytes, need at least 16`);
      if (body + size > bytes.length) fail(at, `"fmt " chunk runs past the end of the file`);
      fmt = readFmt(view, body, size, fail);
    } else if (id === 'data') {
      if (!fmt) fail(at, '"data" chunk before any "fmt " chunk');
      // Streaming writers put 0 or 0xFFFFFFFF in the data size: then take what is there, whole frames only.
      const available = bytes.length - body;
      const streamed = size === 0 || size === 0xffffffff;
      if (!streamed && size > available) fail(at, `"data" chunk claims ${size} bytes but only ${available} remain (truncated file?)`);
      const length = streamed ? available - (available % fmt!.blockAlign) : size;
      if (length % fmt!.blockAlign !== 0) fail(at, `data size ${length} is not a whole number of ${fmt!.blockAlign}-byte frames`);
      return { ...decode(view, body, length, fmt!), format: fmt!.bits === 16 ? 'pcm16' : 'float32' };
    }
    at = body + size + (size & 1);
  }
  return fail(at, fmt ? 'no "data" chunk' : 'no "fmt " chunk');
}

function readFmt(view: DataView, at: number, size: number, fail: (offset: number, what: string) => never): Fmt {
  let code = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bits = view.getUint16(at + 14, true);
  if (code === EXTENSIBLE) {
    if (size < 40) fail(at, `WAVE_FORMAT_EXTENSIBLE "fmt " chunk of ${size} bytes, need 40`);
    code = view.getUint16(at + 24, true); // first two bytes of the sub-format GUID
  }
  if (channels < 1) fail(at + 2, 'zero channels');
  if (sampleRate < 1) fail(at + 4, 'sample rate 0');
  const supported = (code === PCM && bits === 16) || (code === FLOAT && bits === 32);
  if (!supported) fail(at, `unsupported encoding: format ${code} with ${bits} bits (PCM 16-bit or float 32-bit only)`);
  if (blockAlign !== channels * (bits / 8)) fail(at + 12, `block align ${blockAlign}, expected ${channels * (bits / 8)}`);
  return { code, channels, sampleRate, blockAlign, bits };
}

function decode(view: DataView, at: number, length: number, fmt: Fmt): Omit<Wav, 'format'> {
  const frames = length / fmt.blockAlign;
  const samples = new Float32Array(frames);
  const width = fmt.bits / 8;
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < fmt.channels; c++) {
      const p = at + i * fmt.blockAlign + c * width;
      sum += fmt.bits === 16 ? view.getInt16(p, true) / 32768 : view.getFloat32(p, true);
    }
    samples[i] = sum / fmt.channels;
  }
  return { sampleRate: fmt.sampleRate, samples, channels: fmt.channels };
}

export function readWav(path: string): Wav {
  return parseWav(readFileSync(path), path);
}

/** A mono WAV file: PCM16 (clipped to [-1, 1 - 2^-15]) or float32. */
export function encodeWav(samples: Float32Array, sampleRate: number, format: 'pcm16' | 'float32' = 'pcm16'): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < 1) throw new WavError(`sample rate must be a positive integer, got ${sampleRate}`);
  const width = format === 'pcm16' ? 2 : 4;
  const dataBytes = samples.length * width;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const put = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format === 'pcm16' ? PCM : FLOAT, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * width, true);
  view.setUint16(32, width, true);
  view.setUint16(34, width * 8, true);
  put(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    if (format === 'float32') view.setFloat32(44 + i * 4, x, true);
    else view.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(x * 32768))), true); // the inverse of reading /32768
  }
  return bytes;
}

export function writeWav(path: string, samples: Float32Array, sampleRate: number, format: 'pcm16' | 'float32' = 'pcm16'): void {
  writeFileSync(path, encodeWav(samples, sampleRate, format));
}
