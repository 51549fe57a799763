import { describe, expect, it } from 'vitest';
import { FrameGate } from '../../src/core/frame-gate';
import { RateMeter } from '../../src/core/rate-meter';

/** Simulates a camera at `cameraFps` feeding the gate for `seconds`, a detector taking `detectMs`. */
function simulate(targetFps: number, cameraFps: number, detectMs: number, seconds = 20, loseAckEvery = 0) {
  const gate = new FrameGate({ fps: targetFps, ackTimeoutMs: 2000 });
  const meter = new RateMeter(seconds * 1000, 4096);
  let pendingAckAt = Number.POSITIVE_INFINITY;
  let sent = 0;
  for (let t = 0; t <= seconds * 1000; t += 1000 / cameraFps) {
    if (t >= pendingAckAt) {
      gate.acknowledge();
      pendingAckAt = Number.POSITIVE_INFINITY;
    }
    if (gate.offer(t)) {
      sent++;
      meter.mark(t);
      const lost = loseAckEvery > 0 && sent % loseAckEvery === 0;
      pendingAckAt = lost ? Number.POSITIVE_INFINITY : t + detectMs;
    }
  }
  return meter.rate(seconds * 1000);
}

describe('FrameGate', () => {
  it.each([
    [5, 30, 40, 5],
    [10, 30, 40, 10],
    [5, 24, 40, 4.8], // 24 fps camera: every 5th frame (the closest without going over 10 % early)
    [10, 30, 150, 5.5], // a 150 ms detector caps the rate near 1000/180 (next frame after the ack)
  ])('target %d fps from a %d fps camera with a %d ms detector gives ~%d fps', (target, camera, detect, expected) => {
    expect(Math.abs(simulate(target, camera, detect) - expected)).toBeLessThan(0.6);
  });

  it('recovers from a lost acknowledgement after the timeout instead of stalling', () => {
    // Every 10th ack is lost: 10 frames per (9 x 200 ms + the 2000 ms timeout) = 2.63 fps.
    const rate = simulate(5, 30, 40, 30, 10);
    expect(Math.abs(rate - 10 / 3.8)).toBeLessThan(0.25);
  });

  it('says how long until the rate lets the next frame through, so the pump need not read in between', () => {
    const gate = new FrameGate({ fps: 5, ackTimeoutMs: 2000 });
    expect(gate.msUntilOpen(0)).toBe(0); // nothing sent yet
    expect(gate.offer(1000)).toBe(true);
    expect(gate.msUntilOpen(1000)).toBeCloseTo(180); // 200 ms interval, 10 % early
    gate.acknowledge();
    expect(gate.msUntilOpen(1100)).toBeCloseTo(80);
    expect(gate.offer(1100 + gate.msUntilOpen(1100) - 1)).toBe(false);
    expect(gate.offer(1180)).toBe(true);
    gate.setFps(2);
    expect(gate.msUntilOpen(1180)).toBeCloseTo(450);
    expect(gate.msUntilOpen(5000)).toBe(0);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new FrameGate({ fps: 0, ackTimeoutMs: 1000 })).toThrow(/fps must be > 0/);
  });
});
