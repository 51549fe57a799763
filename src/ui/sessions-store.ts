// The stored sessions, the settings and the snooze/quiet state, for the popup and the options page:
// polled from the service worker (sessions are validated there) and read from storage (settings and
// mute are validated by their own readers), into one zustand vanilla store.
import browser from 'webextension-polyfill';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionRecord } from '../core/session/record';
import { request } from '../shared/messaging';
import { MUTE_KEY, NO_MUTE, readMute, type Mute } from '../shared/nudge-mute';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_KEY, type Settings } from '../shared/settings';

export interface SessionsView {
  records: SessionRecord[] | null;
  liveIds: string[];
  settings: Settings;
  mute: Mute;
  error: string | null;
}

export function createSessionsStore(signal: AbortSignal, everyMs = 2000): StoreApi<SessionsView> & { refresh(): Promise<void> } {
  const store = createStore<SessionsView>(() => ({ records: null, liveIds: [], settings: DEFAULT_SETTINGS, mute: NO_MUTE, error: null }));
  const refresh = async () => {
    try {
      const [list, local, session] = await Promise.all([
        request({ type: 'sessions/list' }),
        browser.storage.local.get(SETTINGS_KEY),
        browser.storage.session.get(MUTE_KEY),
      ]);
      store.setState({
        records: list.records,
        liveIds: list.liveIds,
        settings: readSettings(local[SETTINGS_KEY]),
        mute: readMute(session[MUTE_KEY]),
        error: null,
      });
    } catch (error) {
      store.setState({ error: `Could not read sessions: ${String(error)}` });
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), everyMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return Object.assign(store, { refresh });
}

/** Writes the snooze / quiet record (the service worker pushes it to the coaches and the badge). */
export async function writeMute(update: (current: Mute) => Mute): Promise<void> {
  const current = readMute((await browser.storage.session.get(MUTE_KEY))[MUTE_KEY]);
  await browser.storage.session.set({ [MUTE_KEY]: update(current) });
}

export async function writeSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: readSettings(settings) });
}
