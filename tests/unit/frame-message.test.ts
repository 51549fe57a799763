// The face worker's edge: well-formed frames pass, anything else is refused.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { frameByteSize } from '../../src/core/pixels';
import { isArrayBuffer, parseFrameMessage, parseFrameReply } from '../../src/shared/frame-message';

const good = () => ({
  type: 'frame',
  format: 'I420',
  width: 64,
  height: 48,
  timestamp: 1000,
  capturedAt: 1.7e12,
  maxFps: 5,
  buffer: new ArrayBuffer(frameByteSize('I420', 64, 48)),
});

describe('parseFrameMessage', () => {
  it('accepts a frame whose buffer holds its pixels (a larger pooled buffer too)', () => {
    expect(parseFrameMessage(good())?.width).toBe(64);
    expect(parseFrameMessage({ ...good(), buffer: new ArrayBuffer(1 << 20) })).not.toBeNull();
  });

  it.each([
    ['a buffer one byte short', { buffer: new ArrayBuffer(frameByteSize('I420', 64, 48) - 1) }],
    ['an RGBA size with I420 bytes', { format: 'RGBA' }],
    ['an unknown format', { format: 'YUY2' }],
    ['a typed array instead of a buffer', { buffer: new Uint8Array(frameByteSize('I420', 64, 48)) }],
    ['a fractional width', { width: 64.5 }],
    ['a zero height', { height: 0 }],
    ['a giant frame', { width: 100_000 }],
    ['a NaN timestamp', { timestamp: Number.NaN }],
    ['a rate of 0', { maxFps: 0 }],
    ['another type', { type: 'ack' }],
  ])('refuses %s', (_, change) => {
    expect(parseFrameMessage({ ...good(), ...change })).toBeNull();
  });

  it('refuses non-objects', () => {
    for (const bad of [null, undefined, 'frame', 42, []]) expect(parseFrameMessage(bad)).toBeNull();
  });
});

describe('parseFrameReply', () => {
  it('reads acks (with or without a buffer) and rates within bounds', () => {
    const buffer = new ArrayBuffer(8);
    expect(parseFrameReply({ type: 'ack', buffer })).toEqual({ type: 'ack', buffer });
    expect(parseFrameReply({ type: 'ack', buffer: null })).toEqual({ type: 'ack', buffer: null });
    expect(parseFrameReply({ type: 'rate', fps: 2.5 })).toEqual({ type: 'rate', fps: 2.5 });
    expect(parseFrameReply({ type: 'rate', fps: 0 })).toBeNull();
    expect(parseFrameReply({ type: 'rate', fps: 1000 })).toBeNull();
    expect(parseFrameReply({ type: 'ack' })).toBeNull();
    expect(parseFrameReply({ type: 'frame' })).toBeNull();
  });
});

describe('isArrayBuffer', () => {
  it("takes an ArrayBuffer from another realm (as a Firefox content script gets the page's)", () => {
    const foreign = runInNewContext('new ArrayBuffer(16)') as unknown;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect(isArrayBuffer(foreign)).toBe(true);
    expect(isArrayBuffer(new ArrayBuffer(0))).toBe(true);
    expect(parseFrameReply({ type: 'ack', buffer: foreign })).not.toBeNull();
    const frame = parseFrameMessage({ ...good(), buffer: runInNewContext(`new ArrayBuffer(${frameByteSize('I420', 64, 48)})`) });
    expect(frame?.width).toBe(64);
  });

  it('refuses look-alikes, views, shared buffers and primitives', () => {
    const lookAlike = { byteLength: 16, slice: () => null, [Symbol.toStringTag]: 'ArrayBuffer' };
    const fakeProto = Object.create(ArrayBuffer.prototype) as unknown;
    for (const x of [lookAlike, fakeProto, new Uint8Array(4), new DataView(new ArrayBuffer(4)), new SharedArrayBuffer(4), null, 16, 'buf'])
      expect(isArrayBuffer(x)).toBe(false);
  });
});
