// Storage full, in real Chromium (issue 8): storage.local filled to its quota, then a call. The new
// session still gets stored — the oldest closed session is dropped to make room, never an open one —
// diagnostics says so, and the call page notices nothing. (The drop rules are unit-tested in
// tests/unit/session/store-quota.test.ts; this checks the browser's real quota error reaches them.)
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveY4m } from '../../src/tools/media.mjs';
import { extensionWorker, type Harness, openCall, openDiagnostics, startHarness, waitForDemoState } from '../support/extension-browser';
import { sharedFile } from '../support/paths';
import { makeRecord } from '../unit/session/records';

let harness: Harness;

const worker = (): Worker => extensionWorker(harness);

beforeAll(async () => {
  harness = await startHarness({ video: await deriveY4m(sharedFile('media/faces/single_face.mp4'), { name: 'selfie' }) });
  harness.context.setDefaultTimeout(90_000);
});

afterAll(async () => {
  await harness?.close();
});

describe('storage full', () => {
  it('drops the oldest closed session to store the new one, says so, and the call goes on', { timeout: 180_000 }, async () => {
    const old = makeRecord('old-closed', { startedAt: Date.now() - 7 * 86_400_000 });
    await worker().evaluate(async (record) => {
      await chrome.storage.local.set({ [`session:${record.id}`]: record, 'sessions.index.v1': [record.id] });
      // fill the rest of the quota with someone else's data, leaving less than a session record needs
      const used = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.set({ 'test.filler': 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - 600) });
    }, old);
    const diagnostics = await openDiagnostics(harness); // its reads load the stored sessions, the old one too
    await expect.poll(async () => (await diagnostics.read()).sessions?.stored, { timeout: 20_000 }).toBe(1);

    const call = await openCall(harness);
    const pageErrors: string[] = [];
    call.on('pageerror', (e) => pageErrors.push(e.message));
    await waitForDemoState(call, ['in-call'], 90_000);
    try {
      await expect
        .poll(
          async () => {
            const keys = Object.keys(await worker().evaluate(() => chrome.storage.local.get(null)));
            return {
              old: keys.includes('session:old-closed'),
              fresh: keys.some((k) => k.startsWith('session:') && k !== 'session:old-closed'),
            };
          },
          { timeout: 40_000, interval: 1000 },
        )
        .toEqual({ old: false, fresh: true });
    } catch (error) {
      console.log(`storage full: diagnostics ${JSON.stringify((await diagnostics.read()).sessions)}`);
      throw error;
    }
    // diagnostics refresh once a second: wait for the page to catch up with the drop
    await expect.poll(async () => (await diagnostics.read()).sessions?.droppedForQuota ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect((await diagnostics.read()).sessions?.lastError ?? '').toMatch(/full|quota/i);
    expect(await call.evaluate(() => (window as unknown as { __demo: { state: string } }).__demo.state)).toBe('in-call');
    expect(pageErrors).toEqual([]);
    expect(harness.extensionErrors).toEqual([]);
  });
});
