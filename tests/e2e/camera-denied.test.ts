// A denied camera: the page must get exactly the error it gets without the extension, and the
// coach must stay silent (no iframe, no call in diagnostics, no console errors of ours).
import { afterEach, describe, expect, it } from 'vitest';
import { openCall, openDiagnostics, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function deniedError(extension: boolean): Promise<{ error: unknown; coachFrames: number; calls: number | null; errors: string[] }> {
  harness = await startHarness({ extension, denyMedia: true });
  const page = await openCall(harness, 'autostart=1&nocall=1');
  await waitForDemoState(page, ['error']);
  const error = await page.evaluate(() => (window as unknown as { __demo: { error: unknown } }).__demo.error);
  await page.waitForTimeout(1500);
  const coachFrames = await page.locator('webside-coach').count();
  const calls = extension ? (await (await openDiagnostics(harness)).read()).calls.length : null;
  const errors = [...harness.extensionErrors];
  await harness.close();
  harness = null;
  return { error, coachFrames, calls, errors };
}

describe('camera permission denied', () => {
  it('gives the page the same error with and without Webside, and the coach stays silent', async () => {
    const without = await deniedError(false);
    const withUs = await deniedError(true);
    expect(without.error).toEqual({ name: 'NotAllowedError', message: 'Permission denied' });
    expect(withUs.error).toEqual(without.error);
    expect(withUs.coachFrames).toBe(0);
    expect(withUs.calls).toBe(0);
    expect(withUs.errors).toEqual([]);
  });
});
