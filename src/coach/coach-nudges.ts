// Feeds the nudge policy (core/nudge) from the coach's metrics once a second, with the therapist's
// settings (storage.local, live) and mute state (pushed by the service worker down the coach Port),
// shows each nudge in the overlay and keeps the counts the popup reads (CoachMetrics.nudges).
import browser from 'webextension-polyfill';
import type { StoreApi } from 'zustand/vanilla';
import { NudgePolicy } from '../core/nudge/policy';
import type { ActivityInput } from '../core/nudge/rules';
import { NUDGE_TYPES, type CoachMetrics, type CoachPortDown, type Nudge, type NudgeReport, type NudgeType } from '../shared/protocol';
import { MUTE_KEY, readMute } from '../shared/nudge-mute';
import { readSettings, SETTINGS_KEY, type Settings } from '../shared/settings';
import { quietly } from '../shared/extension-context';
import type { OverlayState } from './overlay';

/**
 * e2e only: in a build made with VITE_WEBSIDE_TEST=1, a number >= 1 stored under this key divides
 * every nudge duration so a browser test does not wait minutes. A normal build never reads it.
 */
export const TEST_SPEEDUP_KEY = 'webside.test.nudgeSpeedup';
const TEST_BUILD = import.meta.env.VITE_WEBSIDE_TEST === '1';

export class CoachNudges {
  private policy: NudgePolicy;
  private settings: Settings = readSettings(null);
  private snoozeUntil: number | null = null;
  private quiet = false;
  private readonly startedAt: number;
  private shown = 0;
  private readonly byType = Object.fromEntries(NUDGE_TYPES.map((t) => [t, 0])) as Record<NudgeType, number>;
  private last: Nudge | null = null;

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly wall: () => number = () => Date.now(),
    speedup = 1,
  ) {
    this.startedAt = clock();
    this.policy = new NudgePolicy(speedup);
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
  }

  setMute(mute: CoachPortDown): void {
    this.snoozeUntil = mute.snoozeUntil;
    this.quiet = mute.quiet;
  }

  /** The snooze alone, read straight from storage.session (quiet is per tab: only the service worker knows our tab). */
  setSnoozeUntil(snoozeUntil: number | null): void {
    this.snoozeUntil = snoozeUntil;
  }

  /** e2e test builds only (see TEST_SPEEDUP_KEY): a fresh policy on the shorter clock. */
  setSpeedup(speedup: number): void {
    this.policy = new NudgePolicy(speedup);
  }

  /** One second's step. `hidden`: the overlay cannot be seen (screen sharing), so nothing is shown. */
  step(metrics: CoachMetrics, hidden = false, activity: ActivityInput | null = null): Nudge | null {
    const now = this.wall();
    const nudge = this.policy.step({
      now,
      elapsedMs: Math.max(0, this.clock() - this.startedAt),
      vision: metrics.state === 'live' ? metrics.vision : null,
      conversation: metrics.conversation ?? null,
      activity,
      settings: this.settings,
      mute: { snoozed: this.snoozeUntil !== null && this.snoozeUntil > now, quiet: this.quiet || hidden },
    });
    if (!nudge) return null;
    this.shown++;
    this.byType[nudge.type]++;
    this.last = nudge;
    return nudge;
  }

  report(): NudgeReport {
    const byType = Object.fromEntries(Object.entries(this.byType).filter(([, n]) => n > 0)) as Record<NudgeType, number>;
    return { shown: this.shown, byType, last: this.last };
  }
}

/** Starts nudging for one coach session: settings are read now and followed as they change. */
export function startCoachNudges(
  store: StoreApi<OverlayState>,
  signal: AbortSignal,
): { tick(metrics: CoachMetrics, activity?: ActivityInput | null): NudgeReport; setMute(mute: CoachPortDown): void } {
  const nudges = new CoachNudges();
  const keys = TEST_BUILD ? [SETTINGS_KEY, TEST_SPEEDUP_KEY] : [SETTINGS_KEY];
  const apply = (stored: Record<string, unknown>) => {
    if (SETTINGS_KEY in stored) nudges.setSettings(readSettings(stored[SETTINGS_KEY]));
    const speedup = stored[TEST_SPEEDUP_KEY];
    if (TEST_BUILD && typeof speedup === 'number' && Number.isFinite(speedup) && speedup >= 1 && speedup <= 100) nudges.setSpeedup(speedup);
  };
  browser.storage.local.get(keys).then(apply, () => {});
  const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'local' || signal.aborted) return;
    const stored: Record<string, unknown> = {};
    for (const key of keys) if (key in changes) stored[key] = changes[key]!.newValue;
    apply(stored);
  };
  browser.storage.onChanged.addListener(onChanged);
  // The snooze also straight from storage.session, so the keyboard shortcut works even before the
  // service worker pushes the mute state down the Port.
  const onSession = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'session' && MUTE_KEY in changes && !signal.aborted)
      nudges.setSnoozeUntil(readMute(changes[MUTE_KEY]!.newValue).snoozeUntil);
  };
  browser.storage.onChanged.addListener(onSession);
  Promise.resolve()
    .then(() => browser.storage.session.get(MUTE_KEY))
    .then((stored) => nudges.setSnoozeUntil(readMute(stored[MUTE_KEY]).snoozeUntil))
    .catch(() => {}); // storage.session not exposed to this context: the service worker's push is enough
  // quietly: the frame may outlive its extension (reloaded or updated), and then the API is gone.
  signal.addEventListener('abort', () => quietly(() => browser.storage.onChanged.removeListener(onSession)), { once: true });
  signal.addEventListener('abort', () => quietly(() => browser.storage.onChanged.removeListener(onChanged)), { once: true });
  return {
    tick(metrics, activity = null) {
      const nudge = nudges.step(metrics, store.getState().hidden, activity);
      if (nudge)
        store.setState({ nudge: { type: nudge.type, text: nudge.text, icon: nudge.icon, severity: nudge.severity, at: nudge.at } });
      return nudges.report();
    },
    setMute: (mute) => nudges.setMute(mute),
  };
}
