// Faults the call page can cause: it removes our coach (an app re-rendering <body>). The call must
// not notice, and the coach must come back and keep analysing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveY4m } from '../../src/tools/media.mjs';
import { openCall, openDiagnostics, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';
import { sharedFile } from '../support/paths';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ video: await deriveY4m(sharedFile('media/faces/single_face.mp4'), { name: 'selfie' }) });
});
afterAll(async () => {
  await harness?.close();
});

describe('faults', () => {
  it('a coach removed by the page comes back and analysis goes on', { timeout: 120_000 }, async () => {
    const call = await openCall(harness);
    await waitForDemoState(call, ['in-call']);
    await call.locator('webside-coach').waitFor({ state: 'attached', timeout: 10_000 });
    const diagnostics = await openDiagnostics(harness);
    await expect.poll(async () => (await diagnostics.read()).calls[0]?.coach?.state, { timeout: 15_000 }).toBe('live');
    const oldFirstFace = (await diagnostics.read()).calls[0]?.coach?.firstFaceAt;
    await call.evaluate(() => document.querySelector('webside-coach')?.remove());
    expect(await call.locator('webside-coach').count()).toBe(0);
    // Back within the 1 s sweep plus the coach's start-up.
    await call.locator('webside-coach').waitFor({ state: 'attached', timeout: 15_000 });
    // A new coach reports its own first face and counts its own frames.
    const fresh = async () => {
      const coach = (await diagnostics.read()).calls[0]?.coach;
      return !!coach && coach.firstFaceAt !== oldFirstFace && coach.frames > 5 && coach.state === 'live';
    };
    // a new coach starts cold (worker, wasm, model): seconds on a loaded 2-core machine
    try {
      await expect.poll(fresh, { timeout: 40_000 }).toBe(true);
    } catch (error) {
      console.log(`no fresh coach; diagnostics: ${JSON.stringify(await diagnostics.read())}`);
      throw error;
    }
    expect(await call.evaluate(() => (window as unknown as { __demo: { state: string } }).__demo.state)).toBe('in-call');
    expect(harness.extensionErrors).toEqual([]);
  });
});
