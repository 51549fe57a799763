// The therapist's snooze / quiet state (storage.session `nudges.mute.v1`, src/shared/nudge-mute.ts)
// pushed down every coach Port on connect and whenever it changes, and the toolbar badge:
// "Zz" while snoozed, "ON" while a session is live, nothing otherwise.
import browser from 'webextension-polyfill';
import { isSnoozed, MUTE_KEY, NO_MUTE, readMute, type Mute } from '../shared/nudge-mute';
import type { CoachPortDown } from '../shared/protocol';

export type BadgeState = 'live' | 'snoozed' | 'off';

export function badgeState(mute: Mute, anyLive: boolean, now: number): BadgeState {
  if (isSnoozed(mute, now)) return 'snoozed';
  return anyLive ? 'live' : 'off';
}

const BADGES: Record<BadgeState, { text: string; color: string }> = {
  live: { text: 'ON', color: '#1e7a43' },
  snoozed: { text: 'Zz', color: '#5a6474' },
  off: { text: '', color: '#5a6474' },
};

export class MutePorts {
  private readonly ports = new Map<browser.Runtime.Port, number>();
  private mute: Mute = NO_MUTE;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private shownBadge: BadgeState | null = null;

  constructor(private readonly anyLive: () => boolean) {}

  async start(): Promise<void> {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'session' || !(MUTE_KEY in changes)) return;
      this.mute = readMute(changes[MUTE_KEY]!.newValue);
      this.pushAll();
    });
    try {
      this.mute = readMute((await browser.storage.session.get(MUTE_KEY))[MUTE_KEY]);
    } catch {
      this.mute = NO_MUTE;
    }
    this.pushAll();
  }

  add(port: browser.Runtime.Port, tabId: number): void {
    this.ports.set(port, tabId);
    port.onDisconnect.addListener(() => this.ports.delete(port));
    this.send(port, tabId);
  }

  /** Drops closed sessions' tabs from the quiet list ("quiet for this session" ends with it). */
  async endQuiet(tabIds: readonly number[]): Promise<void> {
    const stored = readMute((await browser.storage.session.get(MUTE_KEY))[MUTE_KEY]);
    const quietTabs = stored.quietTabs.filter((t) => !tabIds.includes(t));
    if (quietTabs.length !== stored.quietTabs.length) await browser.storage.session.set({ [MUTE_KEY]: { ...stored, quietTabs } });
  }

  updateBadge(): void {
    const state = badgeState(this.mute, this.anyLive(), Date.now());
    if (state === this.shownBadge) return;
    this.shownBadge = state;
    const { text, color } = BADGES[state];
    void browser.action.setBadgeText({ text }).catch(() => {});
    void browser.action.setBadgeBackgroundColor({ color }).catch(() => {});
    void browser.action
      .setTitle({ title: `Webside — ${state === 'live' ? 'coaching this call' : state === 'snoozed' ? 'snoozed' : 'off'}` })
      .catch(() => {});
  }

  private pushAll(): void {
    for (const [port, tabId] of this.ports) this.send(port, tabId);
    this.updateBadge();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const until = this.mute.snoozeUntil;
    // At the end of a snooze the badge and the coaches hear it (if the worker sleeps through it, the
    // coach's own clock still ends the snooze: snoozeUntil is absolute).
    if (until !== null && until > Date.now()) this.expiryTimer = setTimeout(() => this.pushAll(), until - Date.now() + 50);
  }

  private send(port: browser.Runtime.Port, tabId: number): void {
    const message: CoachPortDown = {
      type: 'mute',
      snoozeUntil: isSnoozed(this.mute, Date.now()) ? this.mute.snoozeUntil : null,
      quiet: this.mute.quietTabs.includes(tabId),
    };
    try {
      port.postMessage(message);
    } catch {
      this.ports.delete(port);
    }
  }
}
