// A hostile page attacks Webside from the page's side (tests/e2e/fixtures/hostile/): it forges the
// probe's events, embeds and talks to the coach, patches the APIs the probe uses before and after it,
// floods messages and reads everything it can. Nothing it sends may be accepted, nothing it reads may
// reveal a result, and a real call in the same page must still be coached afterwards.
import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveY4m } from '../../src/tools/media.mjs';
import type { DiagnosticsState } from '../../src/shared/protocol';
import { coachFrame, openDiagnostics, startHarness, type Harness } from '../support/extension-browser';
import { repoRoot, sharedFile } from '../support/paths';

const fixtures = path.join(repoRoot, 'tests/e2e/fixtures');

/** Serves tests/e2e/fixtures on localhost (a call-site pattern the extension runs on). */
async function serveFixtures(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = path.resolve(fixtures, '.' + new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!file.startsWith(fixtures + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

interface Hostile {
  forgeEvents(flood: number): Promise<{ variants: number; errors: number; flood: number; perEventMs: number; floodMs: number }>;
  embedCoach(id: string): Promise<{ results: { url: string; readable: boolean; replies: number }[]; fetched: string[] }>;
  attackCoach(
    flood: number,
    coach: unknown,
  ): Promise<{ pageVisibleFrames: number; targets: number; readable: Record<string, string>[]; replies: number; floodMs: number }>;
  readDom(): {
    hosts: number;
    shadowRoot: string;
    attachAgain: string;
    hostChildren: number;
    lightIframes: number;
    html: string;
    text: string;
    windowKeys: string[];
    symbols: string[];
    storage: { local: string[]; session: string[]; cookie: string };
    extensionEntries: string[];
    sniffed: { data: string | null; hasStream: boolean }[];
    dispatchedProbeEvents: number;
  };
  startCall(): Promise<{ tracks: number }>;
}
type HostileWindow = Window & { __hostile: Hostile; __before?: { probeFirst: boolean; listenerTypes: string[] } };

// Patches installed before any page script, by the browser itself (CDP init script): the earliest
// anything can run. They record whether the probe had already run, then wrap what the probe wraps.
function patchBeforeProbe(): void {
  const w = window as unknown as HostileWindow;
  const probeFirst = Symbol.for('webside.probe') in window;
  const listenerTypes: string[] = [];
  w.__before = { probeFirst, listenerTypes };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    ...rest: [EventListenerOrEventListenerObject | null, unknown?]
  ) {
    listenerTypes.push(type);
    return add.call(this, type, rest[0], rest[1] as AddEventListenerOptions);
  };
  const gum = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (this: MediaDevices, c?: MediaStreamConstraints) {
    return gum.call(this, c);
  };
  const Pc = RTCPeerConnection;
  window.RTCPeerConnection = class extends Pc {} as typeof RTCPeerConnection;
}

let harness: Harness;
let fixtureServer: { url: string; close(): Promise<void> };
let page: Page;
let diagnostics: Awaited<ReturnType<typeof openDiagnostics>>;
async function hostile<K extends keyof Hostile>(name: K, ...args: unknown[]): Promise<Awaited<ReturnType<Hostile[K]>>> {
  const result: unknown = await page.evaluate(
    ({ n, a }) => (window as unknown as { __hostile: Record<string, (...x: unknown[]) => unknown> }).__hostile[n]!(...a),
    { n: name as string, a: args },
  );
  return result as Awaited<ReturnType<Hostile[K]>>;
}
const callsIn = (state: DiagnosticsState) => state.calls.filter((c) => c.site === 'localhost' && c.frameId === 0);

beforeAll(async () => {
  const video = await deriveY4m(sharedFile('media/faces/single_face.mp4'), { name: 'selfie' });
  harness = await startHarness({ video });
  fixtureServer = await serveFixtures();
  diagnostics = await openDiagnostics(harness);
  page = await harness.context.newPage();
  await page.addInitScript(patchBeforeProbe);
  await page.goto(`${fixtureServer.url}hostile/index.html`);
});

afterAll(async () => {
  await harness?.close();
  await fixtureServer?.close();
});

describe('a hostile page', () => {
  it('forges the probe events (every shape, then thousands): none is accepted', async () => {
    const result = await hostile('forgeEvents', 5000);
    console.info(JSON.stringify(result));
    console.info(
      `forged ${result.variants} variants + ${result.flood} flood events; bridge cost ${(result.perEventMs * 1000).toFixed(0)} µs/event`,
    );
    expect(result.errors).toBe(0); // nothing thrown into the page
    expect(await page.locator('webside-coach').count()).toBe(0); // no coach opened for a forged call
    const state = await diagnostics.read();
    expect(callsIn(state)).toEqual([]); // no forged call, no forged remote tracks, no metrics
  });

  it('embeds the coach itself (static and guessed URLs) and talks to it: blocked, no replies', async () => {
    const result = await hostile('embedCoach', harness.extensionId!);
    console.info(`embedded: ${JSON.stringify(result)}`);
    for (const frame of result.results) {
      expect(frame.readable, frame.url).toBe(false);
      expect(frame.replies, frame.url).toBe(0);
    }
    // Only the coach is web-accessible, and only at its dynamic URL: the page cannot fetch any of these.
    expect(result.fetched.every((f) => f === 'blocked')).toBe(true);
  });

  it('a real call in the same page is coached, through the patches before and after the probe', async () => {
    const before = await page.evaluate(() => (window as unknown as HostileWindow).__before!);
    console.info(`init-script patch ran ${before.probeFirst ? 'after' : 'before'} the probe`);
    await hostile('startCall');
    const coach = await coachFrame(page, 30_000);
    // Generous: the face model's cold start on a loaded 2-core machine.
    await expect
      .poll(async () => callsIn(await diagnostics.read())[0]?.coach?.frames ?? 0, { timeout: 150_000, interval: 1000 })
      .toBeGreaterThan(3);
    await coach.locator('.pill[data-state="live"]').waitFor({ timeout: 30_000 });
    const taps = callsIn(await diagnostics.read())[0]!.taps;
    expect(taps).toMatchObject({ localVideo: true, localAudio: true, sharing: false });
    expect(taps.remoteVideo + taps.remoteAudio).toBeGreaterThanOrEqual(1); // the probe's 'track' tap survived
  }, 240_000);

  it('talks to the real coach, floods messages, reads the DOM: nothing answers, nothing reveals a result', async () => {
    const coachElement = await (await coachFrame(page)).frameElement();
    const attack = await hostile('attackCoach', 3000, coachElement);
    console.info(`coach attack: ${JSON.stringify({ ...attack, floodMs: Math.round(attack.floodMs) })}`);
    expect(attack.pageVisibleFrames).toBe(0); // the page has no handle on the coach's window of its own
    expect(attack.targets).toBe(1); // the one the test handed it
    expect(attack.replies).toBe(0);
    for (const read of attack.readable) {
      expect(read.document).toMatch(/^threw/);
      expect(read.href).toMatch(/^threw/);
      expect(read.frameElement).toMatch(/^(threw|null)/);
    }
    const dom = await hostile('readDom');
    expect(dom.hosts).toBe(1);
    expect(dom.shadowRoot).toBe('null'); // closed
    expect(dom.attachAgain).toMatch(/^threw/);
    expect(dom.hostChildren).toBe(0);
    expect(dom.lightIframes).toBe(0);
    // (The host's inline style is `all:initial` spelled out: CSS property names, no results.)
    const html = dom.html.replace(/ style="[^"]*"/g, '');
    expect(html).not.toMatch(/chrome-extension:|eye|gaze|light|framing|talk|metric|%/i);
    expect(dom.text).not.toMatch(/eye|gaze|light|framing|talk|metric|%/i);
    expect(dom.windowKeys).toEqual([]);
    expect(dom.storage).toEqual({ local: [], session: [], cookie: '' });
    // What the page can see of us: the probe's own hand-off of the page's own stream, and its own
    // connections' getStats numbers (which the page can read itself), nothing more: no result of ours.
    expect(dom.sniffed.length).toBeGreaterThan(0); // the sniffer works: it saw the real call's hand-offs
    const pageOwn = ['type', 'at', 'kind', 'pc', 'peer', 'rttMs', 'jitterMs', 'lossPct'];
    for (const s of dom.sniffed) {
      for (const key of Object.keys(JSON.parse(s.data!) as object)) expect(pageOwn).toContain(key);
    }
    expect(dom.dispatchedProbeEvents).toBe(0); // the probe dispatches with its own captured dispatchEvent
    console.info(`page sees: ${JSON.stringify({ ...dom, html: dom.html.length, text: dom.text.length })}`);
    // And the coach kept going through all of it.
    const frames = callsIn(await diagnostics.read())[0]!.coach!.frames;
    await expect.poll(async () => callsIn(await diagnostics.read())[0]?.coach?.frames ?? 0, { timeout: 60_000 }).toBeGreaterThan(frames);
    expect(callsIn(await diagnostics.read())[0]!.coach!.state).toBe('live');
    // (The page's own blocked loads of extension URLs are logged at chrome-extension://invalid/.)
    expect(harness.extensionErrors.filter((e) => !e.startsWith('chrome-extension://invalid/'))).toEqual([]);
  }, 180_000);
});
