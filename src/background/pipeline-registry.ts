// Live pipeline state per call frame, for diagnostics (and later the popup). Mirrored to
// storage.session so that the service worker being stopped and restarted (MV3 does it at will)
// loses nothing; validated when read back.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import type { CoachMetrics, DiagnosticsState, PipelineEvent, TabPipeline, Taps } from '../shared/protocol';
import { appendEvent, MAX_EVENTS } from './pipeline-events';

const STORAGE_KEY = 'pipelines.v1';
const EVENTS_KEY = 'pipeline-events.v1';
const PersistedSchema = v.array(
  v.object({
    tabId: v.number(),
    frameId: v.number(),
    site: v.string(),
    since: v.number(),
    taps: v.any(),
    coach: v.any(),
    coachFrameId: v.nullable(v.number()),
    documentId: v.optional(v.nullable(v.string()), null),
  }),
);
const EventsSchema = v.pipe(
  v.array(v.object({ at: v.number(), tabId: v.nullable(v.number()), what: v.pipe(v.string(), v.maxLength(300)) })),
  v.maxLength(MAX_EVENTS),
);

/** `documentId`: the frame's document (MessageSender.documentId): a new one in the same tab and frame is a reloaded or new page. */
type Entry = TabPipeline & { coachFrameId: number | null; documentId: string | null };
const key = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

export class PipelineRegistry {
  private readonly entries = new Map<string, Entry>();
  private events: PipelineEvent[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  lastError: string | null = null;

  async restore(): Promise<void> {
    try {
      const got = await browser.storage.session.get([STORAGE_KEY, EVENTS_KEY]);
      const events = v.safeParse(EventsSchema, got[EVENTS_KEY] ?? []);
      if (events.success) this.events = [...events.output, ...this.events].slice(-MAX_EVENTS);
      const stored = got[STORAGE_KEY];
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

  /**
   * A frame's taps. Returns its previous taps (null for a new call) and whether they came from a new
   * document in the same tab and frame (the page was reloaded or navigated mid-call): its call then
   * starts afresh here.
   */
  setTaps(
    tabId: number,
    frameId: number,
    site: string,
    taps: Taps,
    nowMs: number,
    documentId: string | null = null,
  ): { previous: Taps | null; newPage: boolean } {
    const k = key(tabId, frameId);
    const existing = this.entries.get(k);
    const newPage = !!existing && existing.documentId !== null && documentId !== null && existing.documentId !== documentId;
    const previous = existing && !newPage ? existing.taps : null;
    const inCall = taps.localVideo || taps.localAudio || taps.remoteAudio > 0 || taps.remoteVideo > 0;
    if (!inCall) {
      this.entries.delete(k);
    } else {
      const fresh: Entry = { tabId, frameId, site, since: nowMs, taps, coach: null, coachFrameId: null, documentId };
      const entry = existing && !newPage ? existing : fresh;
      entry.taps = taps;
      entry.site = site;
      entry.documentId = documentId ?? entry.documentId;
      this.entries.set(k, entry);
    }
    this.scheduleSave();
    return { previous, newPage };
  }

  /** Links the call frame's coach; true when it replaces an earlier coach (the page removed ours). */
  linkCoach(tabId: number, bridgeFrameId: number, coachFrameId: number): boolean {
    const entry = this.entries.get(key(tabId, bridgeFrameId));
    if (!entry) return false;
    const replaced = entry.coachFrameId !== null && entry.coachFrameId !== coachFrameId;
    entry.coachFrameId = coachFrameId;
    return replaced;
  }

  /** Adds a line to the event log diagnostics shows. */
  note(tabId: number | null, what: string, nowMs: number): void {
    appendEvent(this.events, { at: nowMs, tabId, what });
    this.scheduleSave();
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
    const calls = [...this.entries.values()].map(({ coachFrameId: _unused, documentId: _alsoUnused, ...pipeline }) => pipeline);
    return { extensionVersion, generatedAt: nowMs, calls, lastError: this.lastError, events: [...this.events] };
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      browser.storage.session.set({ [STORAGE_KEY]: [...this.entries.values()], [EVENTS_KEY]: this.events }).catch((error: unknown) => {
        this.lastError = `Could not save pipeline state: ${String(error)}`;
      });
    }, 500);
  }
}
