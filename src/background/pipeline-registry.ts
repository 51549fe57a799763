// Live pipeline state per call frame, for diagnostics (and later the popup). Mirrored to
// storage.session so that the service worker being stopped and restarted (MV3 does it at will)
// loses nothing; validated when read back.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import type { CoachMetrics, DiagnosticsState, TabPipeline, Taps } from '../shared/protocol';

const STORAGE_KEY = 'pipelines.v1';
const PersistedSchema = v.array(
  v.object({
    tabId: v.number(),
    frameId: v.number(),
    site: v.string(),
    since: v.number(),
    taps: v.any(),
    coach: v.any(),
    coachFrameId: v.nullable(v.number()),
  }),
);

type Entry = TabPipeline & { coachFrameId: number | null };
const key = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

export class PipelineRegistry {
  private readonly entries = new Map<string, Entry>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  lastError: string | null = null;

  async restore(): Promise<void> {
    try {
      const stored = (await browser.storage.session.get(STORAGE_KEY))[STORAGE_KEY];
      const parsed = v.safeParse(PersistedSchema, stored ?? []);
      if (!parsed.success) {
        this.lastError = 'Stored pipeline state was malformed and was set aside.';
        return;
      }
      for (const entry of parsed.output) this.entries.set(key(entry.tabId, entry.frameId), entry as Entry);
    } catch (error) {
      this.lastError = `Could not restore pipeline state: ${String(error)}`;
    }
  }

  setTaps(tabId: number, frameId: number, site: string, taps: Taps, nowMs: number): void {
    const k = key(tabId, frameId);
    const inCall = taps.localVideo || taps.localAudio || taps.remoteAudio > 0 || taps.remoteVideo > 0;
    if (!inCall) {
      this.entries.delete(k);
    } else {
      const entry = this.entries.get(k) ?? { tabId, frameId, site, since: nowMs, taps, coach: null, coachFrameId: null };
      entry.taps = taps;
      entry.site = site;
      this.entries.set(k, entry);
    }
    this.scheduleSave();
  }

  linkCoach(tabId: number, bridgeFrameId: number, coachFrameId: number): void {
    const entry = this.entries.get(key(tabId, bridgeFrameId));
    if (entry) entry.coachFrameId = coachFrameId;
  }

  setCoachMetrics(tabId: number, coachFrameId: number, metrics: CoachMetrics, nowMs: number): void {
    for (const entry of this.entries.values()) {
      if (entry.tabId !== tabId || entry.coachFrameId !== coachFrameId) continue;
      const cameraLiveAt = entry.taps.cameraLiveAt;
      const coldStartMs = cameraLiveAt !== null && metrics.firstFaceAt !== null ? Math.round(metrics.firstFaceAt - cameraLiveAt) : null;
      entry.coach = { ...metrics, updatedAt: nowMs, coldStartMs };
      if (metrics.lastError) this.lastError = metrics.lastError;
      this.scheduleSave();
    }
  }

  /** The tab's call as the session tracker sees it: its site and whether any frame has a live camera or mic. */
  tabCall(tabId: number, coachFrameId?: number): { site: string; localLive: boolean } | null {
    const frames = [...this.entries.values()].filter((e) => e.tabId === tabId);
    if (frames.length === 0) return null;
    const main =
      frames.find((e) => e.coachFrameId === coachFrameId) ?? frames.find((e) => e.taps.localVideo || e.taps.localAudio) ?? frames[0]!;
    return { site: main.site, localLive: frames.some((e) => e.taps.localVideo || e.taps.localAudio) };
  }

  removeTab(tabId: number): void {
    for (const [k, entry] of this.entries) if (entry.tabId === tabId) this.entries.delete(k);
    this.scheduleSave();
  }

  snapshot(extensionVersion: string, nowMs: number): DiagnosticsState {
    const calls = [...this.entries.values()].map(({ coachFrameId: _unused, ...pipeline }) => pipeline);
    return { extensionVersion, generatedAt: nowMs, calls, lastError: this.lastError };
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      browser.storage.session.set({ [STORAGE_KEY]: [...this.entries.values()] }).catch((error: unknown) => {
        this.lastError = `Could not save pipeline state: ${String(error)}`;
      });
    }, 500);
  }
}
