// Lighting and framing verdicts on real footage with known changes: the selfie as it is, darkened
// with ffmpeg, and shifted sideways by a known fraction of the frame.
import { afterEach, describe, expect, it } from 'vitest';
import { deriveY4m } from '../../src/tools/media.mjs';
import type { Vision } from '../../src/shared/protocol';
import { openCall, openDiagnostics, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';
import { sharedFile } from '../support/paths';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** Runs the selfie (with an optional ffmpeg filter) as the camera; returns the vision verdicts once stable. */
async function visionOf(name: string, filter: string | undefined, until: (v: Vision) => boolean): Promise<Vision> {
  const video = await deriveY4m(sharedFile('media/faces/single_face.mp4'), { name, filter });
  harness = await startHarness({ video });
  const call = await openCall(harness, 'autostart=1&nocall=1');
  await waitForDemoState(call, ['idle', 'in-call']);
  const diagnostics = await openDiagnostics(harness);
  let last: Vision | null = null;
  await expect
    .poll(
      async () => {
        last = (await diagnostics.read()).calls[0]?.coach?.vision ?? null;
        return last !== null && until(last);
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(true);
  return last!;
}

describe('vision verdicts on real footage', () => {
  it('reads the selfie as well lit and well framed', async () => {
    const vision = await visionOf('selfie', undefined, (v) => v.lighting !== 'unknown' && v.framing !== 'unknown');
    expect(vision).toMatchObject({ lighting: 'good', framing: 'good' });
  });

  it('reads the darkened selfie as too dark', async () => {
    const vision = await visionOf('selfie-dark', 'eq=brightness=-0.32', (v) => v.lighting !== 'unknown');
    expect(vision.lighting).toBe('too-dark');
    expect(vision.faceLuma).toBeLessThan(45);
  });

  it('reads the selfie shifted 30 % to the right as off-centre, to the right', async () => {
    // Pad 30 % of the width on the left, then crop back to the original width.
    const vision = await visionOf('selfie-shift-right', 'pad=iw*1.3:ih:iw*0.3:0:black,crop=iw/1.3:ih:0:0', (v) => v.framing !== 'unknown');
    expect(vision).toMatchObject({ framing: 'off-centre', framingDetail: 'right' });
  });
});
