import { describe, expect, it } from 'vitest';
import { encodeWav, parseWav, readWav, WavError } from '../../support/wav';
import { sharedFile } from '../../support/paths';
import { tone } from './signals';

/** A hand-built WAV: any format code, bit depth and channel count, raw sample bytes. */
function build(fields: {
  format?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  align?: number;
  data?: Uint8Array;
  dataSize?: number;
  extra?: [string, Uint8Array][];
}) {
  const { format = 1, channels = 1, rate = 16000, bits = 16, data = new Uint8Array(8) } = fields;
  const align = fields.align ?? channels * (bits / 8);
  const chunks: [string, Uint8Array][] = [...(fields.extra ?? [])];
  const fmt = new DataView(new ArrayBuffer(16));
  fmt.setUint16(0, format, true);
  fmt.setUint16(2, channels, true);
  fmt.setUint32(4, rate, true);
  fmt.setUint32(8, rate * align, true);
  fmt.setUint16(12, align, true);
  fmt.setUint16(14, bits, true);
  chunks.push(['fmt ', new Uint8Array(fmt.buffer)], ['data', data]);
  const size = 12 + chunks.reduce((s, [, b]) => s + 8 + b.length + (b.length & 1), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const tag = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  tag(0, 'RIFF');
  view.setUint32(4, size - 8, true);
  tag(8, 'WAVE');
  let at = 12;
  for (const [id, body] of chunks) {
    tag(at, id);
    view.setUint32(at + 4, id === 'data' && fields.dataSize !== undefined ? fields.dataSize : body.length, true);
    out.set(body, at + 8);
    at += 8 + body.length + (body.length & 1);
  }
  return out;
}

describe('WAV reader and writer', () => {
  it.each(['pcm16', 'float32'] as const)('round-trips %s within its resolution', (format) => {
    const x = tone(1600, 16000, 440, -6);
    const back = parseWav(encodeWav(x, 16000, format));
    expect(back).toMatchObject({ sampleRate: 16000, channels: 1, format });
    const worst = x.reduce((m, v, i) => Math.max(m, Math.abs(v - back.samples[i]!)), 0);
    expect(worst).toBeLessThan(format === 'pcm16' ? 1 / 32767 : 1e-7);
  });

  it('mixes stereo to mono as the mean of the channels', () => {
    const data = new Uint8Array(8);
    const view = new DataView(data.buffer);
    view.setInt16(0, 16384, true); // L = 0.5
    view.setInt16(2, -8192, true); // R = -0.25
    view.setInt16(4, 0, true);
    view.setInt16(6, 32767, true);
    const wav = parseWav(build({ channels: 2, data }));
    expect(wav.channels).toBe(2);
    expect(wav.samples[0]).toBeCloseTo(0.125, 4);
    expect(wav.samples[1]).toBeCloseTo(0.5, 3);
  });

  it('skips chunks it does not know, and reads the real test media', () => {
    const wav = parseWav(build({ extra: [['LIST', new Uint8Array(5)]] }));
    expect(wav.samples.length).toBe(4);
    const ami = readWav(sharedFile('media/audio/ami/dev00.wav')); // float32, "fact" chunk, 18-byte fmt
    expect(ami).toMatchObject({ sampleRate: 16000, format: 'float32' });
    expect(ami.samples.length / ami.sampleRate).toBeCloseTo(30, 2);
    const sample = readWav(sharedFile('media/audio/dialogue/sample.wav')); // PCM16 with a LIST chunk
    expect(sample).toMatchObject({ sampleRate: 16000, format: 'pcm16' });
  });

  it.each([
    [new TextEncoder().encode('RIFX....WAVE'), /expected "RIFF", found "RIFX"/],
    [new TextEncoder().encode('RIFF....AVI '), /expected "WAVE", found "AVI "/],
    [new Uint8Array(6), /too short for a RIFF header/],
    [build({ bits: 24 }), /unsupported encoding: format 1 with 24 bits/],
    [build({ format: 3, bits: 16 }), /unsupported encoding: format 3 with 16 bits/],
    [build({ align: 4 }), /block align 4, expected 2/],
    [build({ channels: 0, align: 0 }), /zero channels/],
    [build({ dataSize: 1000 }), /"data" chunk claims 1000 bytes but only 8 remain/],
    [build({ data: new Uint8Array(3) }), /data size 3 is not a whole number of 2-byte frames/],
  ])('rejects a malformed file with a precise error (%#)', (bytes, message) => {
    expect(() => parseWav(bytes, 'x.wav')).toThrow(WavError);
    expect(() => parseWav(bytes, 'x.wav')).toThrow(message);
  });

  it('names the file and the offset', () => {
    expect(() => parseWav(build({ bits: 8 }), 'clip.wav')).toThrow(/^clip\.wav: .* \(at byte \d+ of \d+\)$/);
  });

  it('takes the data that is there when a streaming writer left the size open', () => {
    const wav = parseWav(build({ data: new Uint8Array(10), dataSize: 0xffffffff }));
    expect(wav.samples.length).toBe(5);
  });
});
