// Service worker: hands out coach secrets, keeps the live pipeline state, answers diagnostics.
// Every message is validated at this edge; a message from the wrong kind of sender is refused.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { COACH_PORT, CoachPortMessageSchema, RequestSchema, type Request, type ResponseMap } from '../shared/protocol';
import { unregisterSite } from '../shared/site-scripts';
import { readSettings, SETTINGS_KEY } from '../shared/settings';
import { CoachSecrets } from './coach-secrets';
import { MutePorts } from './mute-ports';
import { tapsEvents } from './pipeline-events';
import { PipelineRegistry } from './pipeline-registry';
import { listenForSnoozeCommand } from './snooze-command';
import { CHECKPOINT_MS, SessionService } from './session-service';
import { SessionStore } from './session-store';

const secrets = new CoachSecrets();
const registry = new PipelineRegistry();
const sessionStore = new SessionStore();
const sessions = new SessionService(
  sessionStore,
  async () => readSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).retentionDays,
);
const mute = new MutePorts(() => sessions.openSessions.some((s) => s.tracksEndedAt === null));
sessions.onEvent = (tabId, what) => registry.note(tabId, what, Date.now());
sessions.onChange = (ended) => {
  if (ended.length > 0) void mute.endQuiet(ended.map((s) => s.tabId)).catch(() => {});
  mute.updateBadge();
};
const ready = registry
  .restore()
  .then(() => sessions.restore(Date.now()))
  .then(() => {
    // A worker stopped by the browser mid-session (MV3 does it at will) comes back here.
    const open = sessions.openSessions.length;
    if (open > 0) registry.note(null, `service worker started: ${open} open session(s) resumed from their checkpoints`, Date.now());
  });
void ready.then(() => mute.start());
// Checkpoint open sessions every 5 s: a worker stopped by the browser loses at most that much.
setInterval(() => void ready.then(() => sessions.checkpoint(Date.now())).then(() => mute.updateBadge()), CHECKPOINT_MS);
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

type Sender = browser.Runtime.MessageSender;
// Chrome's and Firefox's extension schemes: a sender at one is an extension page (the coach), not a content script.
const isExtensionUrl = (url: string) => url.startsWith('chrome-extension:') || url.startsWith('moz-extension:');
const isContentScript = (s: Sender) => s.id === browser.runtime.id && s.tab?.id !== undefined && !!s.url && !isExtensionUrl(s.url);
// The coach runs at a dynamic URL (use_dynamic_url), so match it by path, not by origin.
const isCoach = (s: Sender) =>
  s.id === browser.runtime.id && s.tab?.id !== undefined && !!s.url && new URL(s.url).pathname === '/src/coach/coach.html';
const isExtensionPage = (s: Sender) => s.id === browser.runtime.id && !!s.url && new URL(s.url).origin === extensionOrigin;
const siteOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
};

async function handle(message: Request, sender: Sender): Promise<ResponseMap[Request['type']] | undefined> {
  await ready;
  const now = Date.now();
  switch (message.type) {
    case 'coach/open':
      if (!isContentScript(sender)) return undefined;
      return { secret: secrets.issue(sender.tab!.id!, sender.frameId ?? 0, now) };
    case 'coach/verify': {
      if (!isCoach(sender)) return { ok: false };
      const issued = secrets.redeem(message.secret, sender.tab!.id!, now);
      if (issued && sender.frameId !== undefined && registry.linkCoach(issued.tabId, issued.frameId, sender.frameId))
        registry.note(issued.tabId, 'coach reopened: the page had removed it', now);
      return { ok: issued !== null };
    }
    case 'taps': {
      if (!isContentScript(sender)) return undefined;
      const tabId = sender.tab!.id!;
      const documentId = (sender as { documentId?: unknown }).documentId;
      const { previous, newPage } = registry.setTaps(
        tabId,
        sender.frameId ?? 0,
        siteOf(sender.url),
        message.taps,
        now,
        typeof documentId === 'string' ? documentId : null,
      );
      if (newPage) {
        // The old page's tracks ended with it; the new page's call continues its session within the grace.
        registry.note(tabId, 'page reloaded or navigated mid-call: a new page in the call tab', now);
        sessions.pageGone(tabId, now);
      }
      for (const what of tapsEvents(previous, message.taps)) registry.note(tabId, what, now);
      const call = registry.tabCall(tabId);
      await sessions.taps(tabId, call?.site ?? siteOf(sender.url), call?.localLive ?? false, now);
      return { ok: true };
    }
    case 'diagnostics/get': {
      if (!isExtensionPage(sender)) return undefined;
      const stored = await sessionStore.loadAll();
      const { setAside, droppedForQuota, lastError } = sessionStore.health;
      return {
        ...registry.snapshot(browser.runtime.getManifest().version, now),
        sessions: { stored: stored.length, open: sessions.openSessions.length, setAside, droppedForQuota, lastError },
      };
    }
    case 'sessions/list': {
      if (!isExtensionPage(sender)) return undefined;
      const records = (await sessionStore.loadAll()).map((r) => sessions.liveRecord(r.id) ?? r);
      const liveIds = sessions.openSessions.filter((s) => s.tracksEndedAt === null).map((s) => s.id);
      return { records: structuredClone(records), liveIds };
    }
    case 'sessions/delete':
      if (!isExtensionPage(sender)) return undefined;
      return { deleted: await sessions.forget(message.ids) };
    case 'sessions/rate': {
      if (!isExtensionPage(sender)) return undefined;
      // Only a closed session: an open one is still being checkpointed from memory.
      const record = (await sessionStore.loadAll()).find((r) => r.id === message.id);
      if (!record || record.open !== null || record.endedAt === null || sessions.liveRecord(record.id)) return { ok: false };
      return { ok: await sessionStore.put({ ...record, selfRating: message.rating }) };
    }
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Sender) => {
  const parsed = v.safeParse(RequestSchema, raw);
  if (!parsed.success) return undefined; // not ours, or malformed: no answer
  return handle(parsed.output, sender);
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== COACH_PORT || !port.sender || !isCoach(port.sender)) {
    port.disconnect();
    return;
  }
  const tabId = port.sender.tab!.id!;
  const frameId = port.sender.frameId ?? -1;
  void ready.then(() => mute.add(port, tabId));
  port.onMessage.addListener((raw: unknown) => {
    const parsed = v.safeParse(CoachPortMessageSchema, raw);
    if (!parsed.success) return;
    void ready.then(async () => {
      const now = Date.now();
      const metrics = parsed.output.metrics;
      registry.setCoachMetrics(tabId, frameId, metrics, now);
      const call = registry.tabCall(tabId, frameId);
      // Metrics count toward a session only while the page's camera or mic is live.
      if (call?.localLive) await sessions.metrics(tabId, call.site, metrics, now);
    });
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  void ready.then(async () => {
    registry.removeTab(tabId);
    await sessions.tabClosed(tabId, Date.now());
  });
});

// The user can revoke a site's permission in the browser's settings: drop its scripts too.
browser.permissions.onRemoved.addListener(({ origins = [] }) => {
  for (const pattern of origins) {
    const origin = pattern.replace(/\/\*$/, '');
    void unregisterSite(origin).catch(() => {});
  }
});

listenForSnoozeCommand();
// First install: offer the setup check, which first explains the privacy promise and the permissions
// and opens the camera only when asked.
browser.runtime.onInstalled.addListener(({ reason, previousVersion }) => {
  if (reason === 'update') {
    const version = browser.runtime.getManifest().version;
    const what =
      `extension ${previousVersion === version ? 'reloaded' : `updated from ${previousVersion ?? '?'}`} (version ${version}): ` +
      'calls already open are no longer coached until their page reloads; their sessions close after the reconnect grace';
    void ready.then(() => registry.note(null, what, Date.now()));
  }
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/ui/setup/setup.html#welcome') }).catch(() => {});
});
