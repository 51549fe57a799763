// The setup check page on real Chromium: a real face video as the fake camera reaches face, lighting
// and framing verdicts through the coach's face worker, and a calibration step completes; a refused
// camera gives a clear message; first install offers the page. Screenshots go to .cache/screens/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deriveY4m } from '../../src/tools/media.mjs';
import { extensionPage, openCall, openDiagnostics, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';
import { screenshotDir, sharedFile } from '../support/paths';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});
beforeAll(() => mkdirSync(screenshotDir, { recursive: true }));

const SETUP = 'src/ui/setup/setup.html';
const status = (page: Page, check: string) => page.locator(`[data-check="${check}"]`).getAttribute('data-status');

/** The tab opened on install (waits for it up to 10 s); null if it never came. */
async function welcomeTab(h: Harness): Promise<Page | null> {
  const url = extensionPage(h, `${SETUP}#welcome`);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const page = h.context.pages().find((p) => p.url() === url);
    if (page) return page;
  }
  return null;
}
/** Closes the install tab so the page under test is the one in front. */
const closeWelcome = async (h: Harness) => (await welcomeTab(h))?.close();

describe('setup check page', () => {
  it('reads the real selfie: face, lighting and framing verdicts, and a completed calibration step', async () => {
    const video = await deriveY4m(sharedFile('media/faces/single_face.mp4'), { name: 'selfie' });
    harness = await startHarness({ video });
    await closeWelcome(harness);
    const page = await harness.context.newPage();
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.goto(extensionPage(harness, SETUP));

    await expect.poll(() => page.locator('#face-badge').textContent(), { timeout: 30_000 }).toBe('Face found');
    await expect.poll(() => status(page, 'lighting'), { timeout: 20_000, interval: 500 }).not.toBe('waiting');
    await expect.poll(() => status(page, 'framing'), { timeout: 20_000, interval: 500 }).not.toBe('waiting');
    // The selfie is well lit and well framed (the same truth as vision-verdicts.test.ts).
    expect(await status(page, 'lighting')).toBe('pass');
    expect(await status(page, 'framing')).toBe('pass');

    await page.locator('#calibrate-camera').click();
    await expect.poll(() => page.locator('#calibrate-camera').textContent()).toMatch(/Look into your camera… [1-5]/);
    await expect.poll(() => page.locator('#step-camera').getAttribute('data-ok'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => page.locator('#calibrate-tile').isEnabled()).toBe(true);

    // Step 2 (the selfie keeps looking at the lens, so the "tile" sits at the camera: good).
    await page.locator('#calibrate-tile').click();
    await expect.poll(() => page.locator('#step-tile').getAttribute('data-ok'), { timeout: 15_000 }).toBe('true');
    expect(await status(page, 'gaze')).toBe('pass');
    expect(await page.locator('[data-check="gaze"] .text').textContent()).toMatch(/close enough to read as eye contact/);
    // The live gaze now runs on this calibration.
    await expect.poll(() => page.locator('#gaze-now').textContent(), { timeout: 10_000 }).toMatch(/\(calibrated\)/);
    await page.screenshot({ path: join(screenshotDir, 'setup-check.png'), fullPage: true });
    await page.close();

    // Saved for this camera: a call with the same camera gets it through the bridge's hello.
    const call = await openCall(harness, 'autostart=1&nocall=1');
    await waitForDemoState(call, ['idle', 'in-call']);
    const diagnostics = await openDiagnostics(harness);
    await expect
      .poll(async () => (await diagnostics.read()).calls[0]?.coach?.vision?.gazeCalibrated ?? null, { timeout: 30_000, interval: 500 })
      .toBe(true);
    expect(harness.extensionErrors).toEqual([]);
  });

  it('says clearly that the camera was refused', async () => {
    harness = await startHarness({ denyMedia: true });
    await closeWelcome(harness);
    const page = await harness.context.newPage();
    await page.goto(extensionPage(harness, SETUP));
    const message = page.locator('#camera-message');
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toMatch(/not allowed to use your camera.*Allow/);
    expect(await page.locator('[data-check]').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'setup-denied.png') });
  });

  it('is offered on first install, explaining privacy and permissions before opening the camera', async () => {
    harness = await startHarness({});
    const page = await welcomeTab(harness);
    expect(page, 'the setup page opened on install').not.toBeNull();
    await page!.setViewportSize({ width: 1000, height: 760 });
    await expect.poll(() => page!.locator('#welcome').textContent()).toMatch(/No video,\s+audio or numbers ever leave it/);
    // Nothing opened yet: the camera waits for the therapist's click.
    expect(await page!.locator('[data-check]').count()).toBe(0);
    await page!.screenshot({ path: join(screenshotDir, 'setup-welcome.png') });
    await page!.locator('#start-check').click();
    await expect.poll(() => page!.locator('[data-check="lighting"]').count(), { timeout: 10_000 }).toBe(1);
  });
});
