// The keyboard shortcut (manifest `commands`: snooze-nudges, Alt+Shift+S by default): snoozes nudges
// everywhere for SNOOZE_MS, or lifts a snooze that is running. Writes the one mute record
// (shared/nudge-mute.ts); whoever follows that record (service worker push, coach) takes it from there.
import browser from 'webextension-polyfill';
import { isSnoozed, MUTE_KEY, readMute, SNOOZE_MS, type Mute } from '../shared/nudge-mute';

export const SNOOZE_COMMAND = 'snooze-nudges';

/** The mute record after the shortcut was pressed at `now`: snooze if not snoozed, else lift it. */
export function toggleSnooze(mute: Mute, now: number): Mute {
  return { ...mute, snoozeUntil: isSnoozed(mute, now) ? null : now + SNOOZE_MS };
}

export function listenForSnoozeCommand(): void {
  browser.commands?.onCommand.addListener((command: string) => {
    if (command !== SNOOZE_COMMAND) return;
    void browser.storage.session
      .get(MUTE_KEY)
      .then((stored) => browser.storage.session.set({ [MUTE_KEY]: toggleSnooze(readMute(stored[MUTE_KEY]), Date.now()) }))
      .catch((error: unknown) => console.warn('Webside: could not snooze', error));
  });
}
