// The call never notices us: the same page script (tests/e2e/fixtures/transparency/scenarios.js) runs
// in Chromium with and without Webside, and every outcome must be identical: many getUserMedia
// constraint sets and their rejections (NotAllowedError, NotFoundError, OverconstrainedError with its
// constraint), track stop / clone / applyConstraints, replaceTrack and renegotiation, several peer
// connections, calls from iframes and about:blank frames, and object identity. The added getUserMedia
// latency is logged here; the strict number comes from tests/bench/gum-latency.mjs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../src/tools/chromium.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';
import { distDir, repoRoot } from '../support/paths';

const scenarios = path.join(repoRoot, 'tests/e2e/fixtures/transparency/scenarios.js');

interface Run {
  all: Record<string, unknown>;
  noDevices: unknown;
  gumMs: number[];
}

/** Chromium with or without the extension; `devices: false` gives it no camera or mic at all. */
async function launch(extension: boolean, devices: boolean): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'webside-transparency-'));
  const args = chromiumArgs({ extensionDir: extension ? distDir : undefined }).map((arg) =>
    !devices && arg === '--use-fake-device-for-media-stream' ? '--use-fake-device-for-media-stream=device-count=0' : arg,
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: false, // chromiumArgs passes --headless=new
    ignoreDefaultArgs: ['--disable-extensions'],
    args,
  });
  if (extension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 30_000 });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

async function scenarioPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}?nocall=1`);
  await page.addScriptTag({ path: scenarios });
  return page;
}

type Scenarios = { __transparency: Record<string, (...args: unknown[]) => Promise<unknown>> };
const call = (page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(({ name, args }) => (window as unknown as Scenarios).__transparency[name]!(...args), { name, args });

async function run(extension: boolean, url: string): Promise<Run> {
  const withDevices = await launch(extension, true);
  let result: Omit<Run, 'noDevices'>;
  try {
    const page = await scenarioPage(withDevices.context, url);
    const all = (await call(page, 'all', `${url}?nocall=1`)) as Record<string, unknown>;
    const gumMs = (await call(page, 'gumTimes', 30)) as number[];
    result = { all, gumMs };
  } finally {
    await withDevices.close();
  }
  const noDevices = await launch(extension, false);
  try {
    const page = await scenarioPage(noDevices.context, url);
    return { ...result, noDevices: await call(page, 'constraintSets') };
  } finally {
    await noDevices.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let server: { url: string; close(): Promise<void> };
let bare: Run;
let withUs: Run;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  bare = await run(false, server.url);
  withUs = await run(true, server.url);
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe('the page gets exactly what it gets without Webside', () => {
  it('getUserMedia: every constraint set resolves or rejects the same (name, message, constraint)', () => {
    expect(withUs.all.constraints).toEqual(bare.all.constraints);
    // The comparison means something: both kinds of outcome, and the rejections we promise, occur.
    const results = bare.all.constraints as { constraints: string; ok?: unknown; error?: { name: string; constraint?: string } }[];
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(10);
    const names = new Set(results.map((r) => r.error?.name));
    expect(names).toContain('OverconstrainedError');
    expect(names).toContain('TypeError');
    expect(results.find((r) => r.constraints.includes('"exact":99999'))?.error?.constraint).toBe('width');
  });

  it('with no camera or mic at all: the same NotFoundError', () => {
    expect(withUs.noDevices).toEqual(bare.noDevices);
    const names = (bare.noDevices as { error?: { name: string } }[]).map((r) => r.error?.name);
    expect(names).toContain('NotFoundError');
  });

  it('tracks: identity, clone, applyConstraints (and its rejection), enable, stop', () => {
    expect(withUs.all.tracks).toEqual(bare.all.tracks);
    expect((bare.all.tracks as { identity: Record<string, boolean> }).identity).toEqual({
      thenSame: true,
      videoInTracks: true,
      byId: true,
      repeated: true,
      srcObject: true,
    });
  });

  it('peer connections: replaceTrack, renegotiation, several at once, constructor statics', () => {
    expect(withUs.all.peers).toEqual(bare.all.peers);
    expect((bare.all.peers as { several: string[] }).several).toEqual(['video', 'video', 'video', 'video']);
  });

  it('iframes and about:blank frames (and a frame with the camera blocked: NotAllowedError)', () => {
    expect(withUs.all.frames).toEqual(bare.all.frames);
    const frames = bare.all.frames as Record<string, { error?: { name: string }; ok?: unknown }>;
    expect(frames.aboutBlank?.ok).toBeDefined();
    expect(frames.cameraBlocked?.error?.name).toBe('NotAllowedError');
  });

  it('no error reaches the page, with or without us', () => {
    expect(withUs.all.pageErrors).toEqual([]);
    expect(bare.all.pageErrors).toEqual([]);
  });

  it('getUserMedia latency (logged; strict number: tests/bench/gum-latency.mjs)', () => {
    const added = median(withUs.gumMs) - median(bare.gumMs);
    console.info(
      `getUserMedia median over ${bare.gumMs.length} calls: ${median(bare.gumMs).toFixed(2)} ms without, ` +
        `${median(withUs.gumMs).toFixed(2)} ms with Webside (added ${added.toFixed(2)} ms)`,
    );
    // Two separate browsers on a shared machine: too noisy for a tight bound in a test.
    expect(withUs.gumMs.every((ms) => Number.isFinite(ms))).toBe(true);
  });
});
