// Conversation signals in real Chromium, against scripted truth. The therapist's mic (a fake capture
// file, looping) says one voiced burst of BURST_S every LOOP_S; the client (the demo page's scripted
// voice, ?say=) talks without a pause for the first CLIENT_S of the call. So every therapist burst in
// that window is a therapist talk-over whose overlap is the burst: Δ therapist talk / Δ talk-overs = truth.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Biquad } from '../../src/core/audio/biquad';
import type { Conversation, DiagnosticsState } from '../../src/shared/protocol';
import { openCall, openDiagnostics, startHarness, waitForDemoState, type Harness } from '../support/extension-browser';
import { repoRoot } from '../support/paths';
import { writeWav } from '../support/wav';

const RATE = 48000;
const LOOP_S = 6;
const BURST_AT_S = 1;
const BURST_S = 1.5;
const CLIENT_S = 400;

/** A voice-like burst: a pulse train gliding in pitch per syllable, through two formants, never silent inside. */
function therapistWav(path: string): void {
  const x = new Float32Array(LOOP_S * RATE);
  let seed = 9;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (let i = 0; i < x.length; i++) x[i] = 0.0003 * rand(); // a quiet room, ~-70 dBFS
  const f1 = new Biquad('bandpass', 650, 4, RATE);
  const f2 = new Biquad('bandpass', 1500, 5, RATE);
  const from = BURST_AT_S * RATE;
  const n = BURST_S * RATE;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const syllable = Math.floor(t * 4);
    const f0 = [120, 150, 135, 170, 125, 160][syllable % 6]! * (1 - 0.1 * ((t * 4) % 1));
    phase += f0 / RATE;
    let pulse = 0;
    if (phase >= 1) {
      phase -= 1;
      pulse = 1;
    }
    const envelope = 0.65 + 0.35 * Math.cos(2 * Math.PI * 4 * t);
    x[from + i]! += 0.5 * envelope * (f1.process(pulse) + 0.6 * f2.process(pulse));
  }
  writeWav(path, x, RATE);
}

let harness: Harness;
let call: Page;
let read: () => Promise<DiagnosticsState>;

async function conversation(): Promise<Conversation | null> {
  const state = await read();
  return state.calls.find((c) => c.coach?.conversation)?.coach?.conversation ?? null;
}

/** Polls until `accept` returns true for the conversation summary, or fails after `timeoutMs`. */
async function waitFor(accept: (c: Conversation) => boolean, timeoutMs: number): Promise<Conversation> {
  const deadline = Date.now() + timeoutMs;
  let last: Conversation | null = null;
  while (Date.now() < deadline) {
    last = await conversation();
    if (last && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out; last summary: ${JSON.stringify(last)}`);
}

/** Runs in the page: the worst RTT of the demo's nominated candidate pairs, ms. */
async function pageRtt(): Promise<number> {
  const pcs = (window as unknown as { __demo: { pcs: RTCPeerConnection[] } }).__demo.pcs;
  let worst = -1;
  for (const pc of pcs) {
    for (const r of (await pc.getStats()).values()) {
      if (r.type === 'candidate-pair' && r.nominated && typeof r.currentRoundTripTime === 'number')
        worst = Math.max(worst, r.currentRoundTripTime * 1000);
    }
  }
  return worst;
}

const therapistTalkOvers = (c: Conversation) => c.talkOvers.therapist.interjection + c.talkOvers.therapist.interruption;

beforeAll(async () => {
  const dir = join(repoRoot, '.cache/e2e');
  mkdirSync(dir, { recursive: true });
  const audio = join(dir, 'therapist-bursts.wav');
  therapistWav(audio);
  harness = await startHarness({ audio });
  call = await openCall(harness, `autostart=1&raw=1&say=0:${CLIENT_S}&loop=${CLIENT_S + 60}`);
  await waitForDemoState(call, ['in-call'], 90_000);
  ({ read } = await openDiagnostics(harness));
});

afterAll(async () => {
  await harness?.close();
});

describe('conversation signals on the demo call', () => {
  it('measures each therapist talk-over as long as the scripted burst, and hears the client all along', async () => {
    // Each time the count of therapist talk-overs goes up by one, the therapist's talk time has grown by
    // exactly that talk-over (all their speech falls inside the client's): collect those steps.
    let previous = await waitFor((c) => therapistTalkOvers(c) >= 1, 30_000);
    const firstAt = Date.now();
    const first = previous;
    const steps: number[] = [];
    while (steps.length < 4) {
      const next = await waitFor((c) => therapistTalkOvers(c) > therapistTalkOvers(previous), 20_000);
      if (therapistTalkOvers(next) === therapistTalkOvers(previous) + 1) steps.push(next.talkMs.therapist - previous.talkMs.therapist);
      previous = next;
    }
    const elapsed = Date.now() - firstAt;
    const clientMs = previous.talkMs.client - first.talkMs.client;
    const measured = [...steps].sort((x, y) => x - y)[Math.floor(steps.length / 2)]!;
    console.info(
      `therapist talk-over: measured ${measured} ms (median of ${JSON.stringify(steps)}) vs truth ${BURST_S * 1000} ms; ` +
        `client talk ${clientMs} ms over ${elapsed} ms of wall clock`,
    );
    // ±200 ms: with a load average near 40 on 2 cores the audio thread drops blocks now and then, which
    // shortens or splits a burst; the median of four keeps one bad step from deciding.
    // When the audio thread is starved (client talk far behind the wall clock), say so in the failure.
    const clock = `audio clock at ${((100 * clientMs) / elapsed).toFixed(0)} % of the wall clock`;
    expect(Math.abs(measured - BURST_S * 1000), clock).toBeLessThan(200);
    // The client speaks throughout: heard as speaking, its talk time growing with the clock.
    expect(previous.clientSpeaking).toBe(true);
    expect(clientMs).toBeGreaterThan(0.7 * elapsed);
    expect(clientMs).toBeLessThan(1.3 * elapsed + 1000);
    const script = await call.evaluate(() => (window as unknown as { __demo: { script: { startedAt: number } } }).__demo.script);
    expect(Date.now() - script.startedAt).toBeLessThan(CLIENT_S * 1000); // still inside the client's speech
  });

  it('reports the connection and the audio thread cost', async () => {
    const c = await waitFor((s) => s.connection !== null && s.processMsPerS !== null, 15_000);
    console.info(
      `connection ${JSON.stringify(c.connection)}; audio thread ${c.processMsPerS} ms/s = ${(c.processMsPerS! / 10).toFixed(2)} % of a core`,
    );
    // Truth: the page's own getStats (the worst nominated pair of its two pcs), sampled every second beside
    // ours for 10 s. In loopback RTT should be ~1 ms, but on this loaded machine it swings from ~1 ms to
    // ~3 s within seconds, so the two series rarely meet: ours must stay within what the page saw.
    // (The parsing itself is checked against a known report in tests/unit/connection.)
    const ours: number[] = [];
    const page: number[] = [];
    for (let i = 0; i < 10; i++) {
      const now = await conversation();
      if (now?.connection?.rttMs != null) ours.push(now.connection.rttMs);
      page.push(await call.evaluate(pageRtt));
      await new Promise((r) => setTimeout(r, 1000));
    }
    page.push(await call.evaluate(pageRtt));
    console.info(`RTT: ours ${JSON.stringify(ours)} ms, the page's own getStats ${JSON.stringify(page)} ms`);
    expect(ours.length).toBeGreaterThan(5);
    expect(Math.min(...ours)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ours)).toBeLessThan(Math.max(...page) + 1000); // one STUN check apart at most
    expect(c.connection!.jitterMs).not.toBeNull();
    expect(c.connection!.degraded).toBe(false);
    expect(c.processMsPerS!).toBeGreaterThan(0);
    expect(c.processMsPerS!).toBeLessThan(30); // the budget: 3 % of one core
    expect(c.voice.level).not.toBe('clipping');
  });

  it('leaves the page its audio: tracks live, enabled, unmuted, and the client audible', async () => {
    const page = await call.evaluate(async () => {
      const demo = (window as unknown as { __demo: { localStream: MediaStream } }).__demo;
      const mic = demo.localStream.getAudioTracks()[0]!;
      const audio = document.getElementById('remote-audio') as HTMLAudioElement;
      const remote = (audio.srcObject as MediaStream).getAudioTracks()[0]!;
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      ctx.createMediaStreamSource(new MediaStream([remote])).connect(analyser);
      await new Promise((r) => setTimeout(r, 500));
      const samples = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(samples);
      let power = 0;
      for (const s of samples) power += s * s;
      await ctx.close();
      return {
        mic: { state: mic.readyState, enabled: mic.enabled, muted: mic.muted },
        remote: { state: remote.readyState, enabled: remote.enabled, muted: remote.muted },
        playing: !audio.paused,
        remoteRmsDb: 10 * Math.log10(power / samples.length + 1e-12),
      };
    });
    expect(page.mic).toEqual({ state: 'live', enabled: true, muted: false });
    expect(page.remote).toEqual({ state: 'live', enabled: true, muted: false });
    expect(page.playing).toBe(true);
    expect(page.remoteRmsDb).toBeGreaterThan(-40); // the client is talking, and the page still gets it
  });
});
