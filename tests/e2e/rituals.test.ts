// Session rituals on a real demo call (issue 9): typing in the call tab for a while cues "narrate"
// once; the warm start comes first, early. On the test build's shortened clock (every duration / 10)
// so the test does not wait minutes; the rules themselves are replay-tested in node.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveY4m } from '../../src/tools/media.mjs';
import type { DiagnosticsState } from '../../src/shared/protocol';
import { coachFrame, openCall, openDiagnostics, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';
import { sharedFile } from '../support/paths';

const SPEEDUP = 10;

let harness: Harness;
let call: Page;
let coach: Frame;
let diagnostics: { page: Page; read(): Promise<DiagnosticsState> };

const nudgeCounts = async () => (await diagnostics.read())?.calls.find((c) => c.coach)?.coach?.nudges?.byType ?? {};

async function waitForCount(type: string, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const n = (await nudgeCounts())[type as never] ?? 0;
    if (n > 0) return n;
    await new Promise((r) => setTimeout(r, 500));
  }
  return 0;
}

beforeAll(async () => {
  const video = await deriveY4m(sharedFile('media/faces/single_face.mp4'), { name: 'selfie' });
  harness = await startHarness({ video });
  const worker = harness.context.serviceWorkers()[0]!;
  await worker.evaluate((speedup) => chrome.storage.local.set({ 'webside.test.nudgeSpeedup': speedup }), SPEEDUP);
  // the client speaks 3 s in every 15 (the demo's default recording is a dialogue with hardly a pause,
  // and the policy rightly waits while the client holds the floor)
  call = await openCall(harness, 'autostart=1&say=0:3&loop=15');
  await waitForDemoState(call, ['in-call'], 90_000);
  coach = await coachFrame(call, 60_000);
  await coach.locator('.pill[data-state="live"]').waitFor({ timeout: 90_000 });
  diagnostics = await openDiagnostics(harness);
});

afterAll(async () => {
  await harness?.close();
});

describe('session rituals on a call', () => {
  it('gives the warm start early, and no "narrate" without typing', async () => {
    expect(await waitForCount('warm-start', 30_000)).toBe(1);
    await new Promise((r) => setTimeout(r, 4000));
    expect((await nudgeCounts())['narrate' as never] ?? 0).toBe(0);
  });

  it('cues "narrate" once after typing in the call tab for a while', async () => {
    await call.bringToFront();
    await call.locator('body').click({ position: { x: 5, y: 5 } });
    // about 4 presses a second for ~30 s (the test clock's 1.5 s stretch, with the therapist's own
    // speech in the fake mic pausing the count and the policy's gaps on top)
    const typing = (async () => {
      for (let i = 0; i < 120; i++) {
        await call.keyboard.press('KeyA');
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const shown = await waitForCount('narrate', 60_000);
    await typing;
    expect(shown).toBe(1);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await nudgeCounts())['narrate' as never]).toBe(1); // once per stretch
    expect(harness.extensionErrors).toEqual([]);
  });
});
