// Sessions in real Chromium: a demo call is stored as one session with sane aggregates; the service
// worker stopped mid-session (CDP ServiceWorker.stopAllWorkers, as the browser does at will) neither splits
// the session nor loses what was checkpointed; a corrupt stored record is set aside while the popup
// shows the others; export gives valid CSV and JSON. Also screenshots of the popup (each tab, seeded
// sessions) and the options page, light and dark.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseCsv } from '../../src/core/session/export';
import { parseRecord, type SessionRecord } from '../../src/core/session/record';
import type { DiagnosticsState } from '../../src/shared/protocol';
import { deriveWav, deriveY4m } from '../../src/tools/media.mjs';
import { extensionPage, extensionWorker, type Harness, openCall, startHarness, waitForDemoState } from '../support/extension-browser';
import { screenshotDir, sharedFile } from '../support/paths';
import { makeRecord } from '../unit/session/records';

let harness: Harness;
let call: Page;

const worker = (): Worker => extensionWorker(harness);

async function storedSessions(): Promise<{ records: SessionRecord[]; keys: string[] }> {
  // Any extension page can read storage.local; use the worker when it runs, a page otherwise.
  const all = (await worker().evaluate(() => chrome.storage.local.get(null))) as Record<string, unknown>;
  const keys = Object.keys(all);
  return { keys, records: keys.filter((k) => k.startsWith('session:')).map((k) => parseRecord(all[k])) };
}

beforeAll(async () => {
  const [video, audio] = await Promise.all([
    deriveY4m(sharedFile('media/faces/single_face.mp4'), { name: 'selfie' }),
    deriveWav(sharedFile('media/audio/speech/silero_test.wav'), { name: 'silero_test-48k' }),
  ]);
  harness = await startHarness({ video, audio });
  // Generous: on a shared 2-core machine under load, extension pages can take tens of seconds.
  harness.context.setDefaultTimeout(90_000);
  harness.context.setDefaultNavigationTimeout(90_000);
  mkdirSync(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await harness?.close();
});

describe('sessions', { timeout: 300_000 }, () => {
  let sessionId = '';
  let checkpointed: SessionRecord;

  it('stores a demo call as one open session with sane aggregates, checkpointed every 5 s', async () => {
    // The session starts when the page's camera/mic go live, which is before the call connects.
    const started = Date.now();
    call = await openCall(harness);
    await waitForDemoState(call, ['in-call'], 90_000);
    await expect
      .poll(async () => (await storedSessions()).records[0]?.aggregates.sampledMs ?? 0, { timeout: 40_000, interval: 1000 })
      .toBeGreaterThanOrEqual(10_000);
    const { records } = await storedSessions();
    expect(records).toHaveLength(1);
    const [record] = records as [SessionRecord];
    sessionId = record.id;
    expect(record.open).not.toBeNull();
    expect(['127.0.0.1', 'localhost']).toContain(record.site);
    expect(record.startedAt).toBeGreaterThanOrEqual(started);
    // Sane aggregates: every signal's time-in-state and the timeline add up to the sampled time, and
    // the 1 Hz samples cover the session's wall time (the face model may still be loading on a busy
    // machine, so verdicts may all be "unknown": that is counted, not invented).
    const total = (times: Record<string, number>) => Object.values(times).reduce((a, b) => a + b, 0);
    const { aggregates } = record;
    for (const times of [aggregates.presence, aggregates.gaze, aggregates.lighting, aggregates.framing])
      expect(total(times)).toBe(aggregates.sampledMs);
    expect(Object.keys(aggregates.presence).every((p) => ['face', 'no-face', 'unknown'].includes(p))).toBe(true);
    expect(aggregates.timeline.reduce((sum, m) => sum + m.ms, 0)).toBe(aggregates.sampledMs);
    const wallMs = record.lastSeenAt - record.startedAt;
    expect(aggregates.sampledMs).toBeLessThanOrEqual(wallMs + 2000);
    expect(aggregates.sampledMs).toBeGreaterThan(0.6 * wallMs);
    // Checkpoints every 5 s: two reads 6 s apart differ.
    await new Promise((r) => setTimeout(r, 6000));
    const later = (await storedSessions()).records[0]!;
    expect(later.aggregates.sampledMs).toBeGreaterThan(record.aggregates.sampledMs);
    expect(later.lastSeenAt - record.lastSeenAt).toBeGreaterThanOrEqual(4000);
    checkpointed = later;
  });

  it('keeps the session whole when the service worker is stopped mid-session', async () => {
    // Playwright stays attached to the worker, so Target.closeTarget would wait for it to detach;
    // ServiceWorker.stopAllWorkers from an extension page (same storage partition) stops it like
    // chrome://serviceworker-internals does. A global marks the old worker's realm.
    await worker().evaluate(() => ((globalThis as { __before?: boolean }).__before = true));
    const before = (await storedSessions()).records[0]!;
    const page = await harness.context.newPage();
    await page.goto(extensionPage(harness, 'src/ui/diagnostics/diagnostics.html'));
    const cdp = await harness.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.close();
    // The coach's port drops; it reconnects on its next report, which starts a fresh worker.
    await expect
      .poll(
        () =>
          worker()
            .evaluate(() => (globalThis as { __before?: boolean }).__before ?? 'fresh')
            .catch(() => 'starting'),
        { timeout: 15_000 },
      )
      .toBe('fresh');
    await expect
      .poll(async () => (await storedSessions()).records[0]?.aggregates.sampledMs ?? 0, { timeout: 30_000, interval: 1000 })
      .toBeGreaterThan(before.aggregates.sampledMs + 5000);
    const { records } = await storedSessions();
    expect(records.map((r) => r.id)).toEqual([sessionId]);
    const after = records[0]!;
    expect(after.startedAt).toBe(checkpointed.startedAt);
    expect(after.open).not.toBeNull();
    // Nothing checkpointed is lost: every counter is at least what was stored before the stop.
    for (const [state, ms] of Object.entries(before.aggregates.gaze)) expect(after.aggregates.gaze[state] ?? 0).toBeGreaterThanOrEqual(ms);
    expect(after.aggregates.timeline[0]!.ms).toBeGreaterThanOrEqual(before.aggregates.timeline[0]!.ms);
  });

  it('sets a corrupt record aside, reports it, and the popup still shows the others', async () => {
    await worker().evaluate(() =>
      chrome.storage.local.set({ 'session:broken': { version: 2, id: 'broken', site: 'x', startedAt: 'yesterday' }, 'session:junk': 42 }),
    );
    const popup = await harness.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(extensionPage(harness, 'src/ui/popup/popup.html'));
    await popup.locator('#tab-sessions').click();
    await expect.poll(() => popup.locator('.session-list li').count(), { timeout: 10_000 }).toBe(1);
    expect(await popup.locator(`.session-list li[data-session="${sessionId}"]`).count()).toBe(1);
    const { keys } = await storedSessions();
    expect(keys).toEqual(expect.arrayContaining(['set-aside:session:broken', 'set-aside:session:junk']));
    expect(keys).not.toContain('session:broken');
    const diagnostics = await harness.context.newPage();
    await diagnostics.goto(extensionPage(harness, 'src/ui/diagnostics/diagnostics.html'), {
      waitUntil: 'domcontentloaded',
      timeout: 90_000,
    });
    await expect.poll(async () => JSON.parse((await diagnostics.locator('#state').textContent()) || 'null') !== null).toBe(true);
    const state = JSON.parse((await diagnostics.locator('#state').textContent())!) as DiagnosticsState;
    expect(state.sessions?.setAside.map((s) => s.key).sort()).toEqual(['set-aside:session:broken', 'set-aside:session:junk']);
    expect(state.sessions?.setAside.find((s) => s.key.endsWith('broken'))?.reason).toMatch(/startedAt/);
    await popup.locator('#tab-now').click();
    await expect.poll(() => popup.locator(`.summary[data-session="${sessionId}"]`).count(), { timeout: 10_000 }).toBe(1);
    await popup.screenshot({ path: join(screenshotDir, 'popup-now-live.png'), fullPage: true });
    await diagnostics.close();
    await popup.close();
  });

  it('exports valid, de-identified CSV and JSON through a blob download', async () => {
    const popup = await harness.context.newPage();
    await popup.goto(extensionPage(harness, 'src/ui/popup/popup.html'));
    await popup.locator('#tab-sessions').click();
    await popup.locator('#export-csv:not([disabled])').waitFor();
    const [csvDownload] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    expect(['127.0.0.1', 'localhost']).toContain(rows[1]![0]);
    const [jsonDownload] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-json').click()]);
    const text = readFileSync((await jsonDownload.path())!, 'utf8');
    const json = JSON.parse(text) as { format: string; sessions: { site: string; aggregates: { sampledMs: number } }[] };
    expect(json.format).toBe('webside.sessions');
    expect(json.sessions).toHaveLength(1);
    expect(json.sessions[0]!.aggregates.sampledMs).toBeGreaterThan(10_000);
    expect(text).not.toContain(sessionId);
    expect(text).not.toMatch(/tabId|http:\/\//);
    await popup.close();
  });

  it('marks the session ended-pending when the call hangs up', async () => {
    await call.locator('#hangup').click();
    await waitForDemoState(call, ['ended'], 60_000);
    await expect
      .poll(async () => (await storedSessions()).records.find((r) => r.id === sessionId)?.open?.tracksEndedAt ?? null, {
        timeout: 15_000,
        interval: 1000,
      })
      .not.toBeNull();
    expect(harness.extensionErrors).toEqual([]);
  });

  it('screenshots: popup tabs with seeded sessions and the options page, light and dark', async () => {
    const day = 86_400_000;
    const now = Date.now();
    const seeded = Array.from({ length: 8 }, (_, i) =>
      makeRecord(`seed-${i}`, {
        startedAt: now - (8 - i) * day,
        atCameraS: 150 + i * 30,
        backlitS: 300 - i * 35,
        therapistTalkS: 320 - i * 15,
        clientTalkS: 200 + i * 10,
        interruptions: 8 - i,
        site: 'meet.google.com',
      }),
    );
    await worker().evaluate((records) => chrome.storage.local.set(Object.fromEntries(records.map((r) => [`session:${r.id}`, r]))), seeded);
    const page = await harness.context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    // Delete one (the demo call) through the list, with its confirm step: the seeded ones remain.
    await page.goto(extensionPage(harness, 'src/ui/popup/popup.html'));
    await page.locator('#tab-sessions').click();
    await expect.poll(() => page.locator('.session-list li').count(), { timeout: 10_000 }).toBe(9);
    await page.locator(`.session-list li[data-session="${sessionId}"] .delete`).click();
    await page.locator(`.session-list li[data-session="${sessionId}"] .confirm-delete`).click();
    await expect.poll(() => page.locator('.session-list li').count(), { timeout: 10_000 }).toBe(8);
    expect((await storedSessions()).records.map((r) => r.id)).not.toContain(sessionId);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(extensionPage(harness, 'src/ui/popup/popup.html'));
      for (const tab of ['now', 'trends', 'sessions']) {
        await page.locator(`#tab-${tab}`).click();
        await page.waitForTimeout(300);
        if (tab === 'trends') expect(await page.locator('.trends tr').count()).toBe(7);
        // the newest session's summary (suggestions for the seeded sessions are unit-tested in summary.test.ts)
        if (tab === 'now') expect(await page.locator('.summary [data-metric]').count()).toBeGreaterThanOrEqual(5);
        await page.screenshot({ path: join(screenshotDir, `popup-${tab}-${scheme}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 900, height: 1000 });
      await page.goto(extensionPage(harness, 'src/ui/options/options.html'));
      await page.locator('#eye-target').waitFor();
      await page.screenshot({ path: join(screenshotDir, `options-${scheme}.png`), fullPage: true });
      await page.setViewportSize({ width: 380, height: 600 });
    }
    await page.close();
  });
});
