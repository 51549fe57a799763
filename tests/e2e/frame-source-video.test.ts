// The Firefox frame source (bridge/frame-source.ts: a hidden <video>, requestVideoFrameCallback,
// a canvas read back as RGBA) run in real Chromium: a test build told (storage.local
// `webside.test.frameSource`) to use it instead of MediaStreamTrackProcessor. Truth: the fake camera
// loops noface_face.mov, a cartoon (no face) cut to a webcam selfie, so a live source must see both
// verdicts come and go; a stuck one would show only one. And the camera button pauses it as it does
// the track processor (frame-pump-pause.test.ts). Twice: woken by requestVideoFrameCallback (Firefox
// 132+), and by the timer alone (Firefox 128-131, which lack it).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoachMetrics, Taps } from '../../src/shared/protocol';
import { deriveY4m } from '../../src/tools/media.mjs';
import { mirroredCalls, openCall, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';
import { sharedFile } from '../support/paths';

describe.each([
  ['woken by requestVideoFrameCallback', 'video-element'],
  ['woken by its timer (Firefox 128-131)', 'video-element-timer'],
] as const)('the video-element frame source (the Firefox path) in Chromium, %s', (_name, testSource) => {
  let harness: Harness;
  let call: Page;

  beforeAll(async () => {
    const video = await deriveY4m(sharedFile('media/faces/noface_face.mov'), {
      width: 640,
      height: 480,
      fps: 30,
      name: 'noface_face-640x480',
    });
    harness = await startHarness({ video });
    const worker = harness.context.serviceWorkers()[0]!;
    await worker.evaluate((value) => chrome.storage.local.set({ 'webside.test.frameSource': value }), testSource);
    call = await openCall(harness);
    await waitForDemoState(call, ['in-call']);
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** The call's taps and the coach's last report, from the service worker's session mirror (opening a tab would hide the call). */
  async function pipeline(): Promise<{ taps: Taps; coach: CoachMetrics | null } | null> {
    const entry = (await mirroredCalls(harness)).find((e) => e.taps?.localVideo);
    return entry ? { taps: entry.taps, coach: entry.coach ?? null } : null;
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('is the source the bridge reports', async () => {
    await expect.poll(async () => (await pipeline())?.taps.frameSource, { timeout: 20_000 }).toBe('video-element');
  });

  it('finds the face in the selfie and none in the cartoon, loop after loop', async () => {
    await expect.poll(async () => (await pipeline())?.coach?.presence, { timeout: 20_000 }).toMatch(/^(face|no-face)$/);
    const seen: string[] = [];
    const start = Date.now();
    while (Date.now() - start < 16_000) {
      const presence = (await pipeline())?.coach?.presence ?? 'missing';
      if (seen.at(-1) !== presence) seen.push(presence);
      await sleep(200);
    }
    console.info('presence runs:', seen.join(' -> '));
    expect(seen.filter((p) => p === 'face').length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((p) => p === 'no-face').length).toBeGreaterThanOrEqual(1);
    const { coach } = (await pipeline())!;
    console.info(`video-element source: ${coach?.fps} fps, ${coach?.frames} frames, detect p50 ${coach?.detectMsP50} ms`);
    expect(coach?.lastError).toBeNull();
    expect(coach?.fps).toBeGreaterThan(1.8);
    expect(coach?.fps).toBeLessThan(6.5);
  });

  it('pauses while the page switches its camera off, and comes back', async () => {
    const frames = async () => (await pipeline())?.coach?.frames ?? 0;
    await call.locator('#camera').click();
    await sleep(3500); // the coach's 3 s rate window
    const before = await frames();
    await sleep(4000);
    expect((await frames()) - before).toBeLessThanOrEqual(1);
    expect((await pipeline())?.coach?.presence).toBe('unknown');
    await call.locator('#camera').click();
    await expect.poll(async () => (await pipeline())?.coach?.fps ?? 0, { timeout: 10_000 }).toBeGreaterThan(1);
  });

  it('logs no extension errors', () => {
    expect(harness.extensionErrors).toEqual([]);
  });
});
