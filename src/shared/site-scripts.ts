// The content scripts as built (crxjs keeps standalone files at their source path, .ts -> .js), for
// registering them on sites the user enables from the popup.
import browser from 'webextension-polyfill';
import { FIREFOX_BUILD } from './target';

export const PROBE_FILE = 'src/probe/probe.js';
export const BRIDGE_FILE = 'src/bridge/bridge.js';
const ID_PREFIX = 'site:';

export const scriptIds = (origin: string) => [`${ID_PREFIX}probe:${origin}`, `${ID_PREFIX}bridge:${origin}`];

/** Origins the user has turned Webside on for (beyond the built-in call sites). */
export async function enabledOrigins(): Promise<string[]> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  return [...new Set(scripts.filter((s) => s.id.startsWith(`${ID_PREFIX}probe:`)).map((s) => s.id.slice(`${ID_PREFIX}probe:`.length)))];
}

export async function registerSite(origin: string): Promise<void> {
  const matches = [`${origin}/*`];
  const [probeId, bridgeId] = scriptIds(origin) as [string, string];
  // Types lag the API: world and matchOriginAsFallback exist since Chrome 102 / 119. Firefox (128+)
  // has world but not matchOriginAsFallback, and rejects a call with a property it does not know.
  const common = {
    matches,
    allFrames: true,
    runAt: 'document_start',
    persistAcrossSessions: true,
    ...(FIREFOX_BUILD ? {} : { matchOriginAsFallback: true }),
  } as const;
  await browser.scripting.registerContentScripts([
    { id: probeId, js: [PROBE_FILE], world: 'MAIN', ...common } as browser.Scripting.RegisteredContentScript,
    { id: bridgeId, js: [BRIDGE_FILE], ...common } as browser.Scripting.RegisteredContentScript,
  ]);
}

export async function unregisterSite(origin: string): Promise<void> {
  const existing = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const ids = scriptIds(origin).filter((id) => existing.has(id));
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
}
