// Service worker: hands out coach secrets, keeps the live pipeline state, answers diagnostics.
// Every message is validated at this edge; a message from the wrong kind of sender is refused.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { COACH_PORT, CoachPortMessageSchema, RequestSchema, type Request, type ResponseMap } from '../shared/protocol';
import { unregisterSite } from '../shared/site-scripts';
import { CoachSecrets } from './coach-secrets';
import { PipelineRegistry } from './pipeline-registry';

const secrets = new CoachSecrets();
const registry = new PipelineRegistry();
const ready = registry.restore();
const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

type Sender = browser.Runtime.MessageSender;
const isContentScript = (s: Sender) =>
  s.id === browser.runtime.id && s.tab?.id !== undefined && !!s.url && !s.url.startsWith('chrome-extension:');
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
      if (issued && sender.frameId !== undefined) registry.linkCoach(issued.tabId, issued.frameId, sender.frameId);
      return { ok: issued !== null };
    }
    case 'taps':
      if (!isContentScript(sender)) return undefined;
      registry.setTaps(sender.tab!.id!, sender.frameId ?? 0, siteOf(sender.url), message.taps, now);
      return { ok: true };
    case 'diagnostics/get':
      if (!isExtensionPage(sender)) return undefined;
      return registry.snapshot(browser.runtime.getManifest().version, now);
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
  port.onMessage.addListener((raw: unknown) => {
    const parsed = v.safeParse(CoachPortMessageSchema, raw);
    if (!parsed.success) return;
    void ready.then(() => registry.setCoachMetrics(tabId, frameId, parsed.output.metrics, Date.now()));
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  void ready.then(() => registry.removeTab(tabId));
});

// The user can revoke a site's permission in the browser's settings: drop its scripts too.
browser.permissions.onRemoved.addListener(({ origins = [] }) => {
  for (const pattern of origins) {
    const origin = pattern.replace(/\/\*$/, '');
    void unregisterSite(origin).catch(() => {});
  }
});

// First install: offer the setup check, which first explains the privacy promise and the permissions
// and opens the camera only when asked.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('src/ui/setup/setup.html#welcome') }).catch(() => {});
});
