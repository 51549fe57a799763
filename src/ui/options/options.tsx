// Options page: which nudges, how sensitive, the therapist's own targets (eye contact, talk-ratio
// band by modality), where Webside runs, how long sessions are kept, and deleting everything.
// Every change is saved at once through the one settings contract (src/shared/settings.ts v2).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { NUDGE_TYPES, type NudgeType } from '../../shared/protocol';
import { request } from '../../shared/messaging';
import {
  DEFAULT_SETTINGS,
  readSettings,
  SENSITIVITIES,
  SETTINGS_KEY,
  talkRatioBand,
  type Settings,
  type TalkRatioPreset,
} from '../../shared/settings';
import { writeSettings } from '../sessions-store';
import { describeRules } from '../../core/nudge/describe';
import { SiteList } from './site-list';
import '../page.css';
import './options.css';

const NUDGE_LABELS: Record<NudgeType, string> = {
  'look-away': 'Looking away',
  'eye-contact': 'Eye contact below your target',
  lighting: 'Lighting',
  framing: 'Framing',
  'talk-over': 'Talking over the client',
  'pause-beat': 'Pause a beat (slow link)',
  pace: 'Speaking pace',
  'voice-level': 'Voice level',
  connection: 'Connection',
  narrate: "Narrate when typing through the client's turn",
  'warm-start': 'Warm start: check-in and backup plan',
  'check-in': 'Near the end: ask how video is working',
  'connection-drop': 'Connection dropped: name it',
};
const SENSITIVITY_LABELS = { gentle: 'Gentle — fewer, later cues', standard: 'Standard', detailed: 'Detailed — more, earlier cues' };
const PRESET_LABELS: Record<TalkRatioPreset, string> = {
  'client-centred': 'Client-centred (20–40%)',
  balanced: 'Balanced (30–50%)',
  directive: 'Directive / CBT (40–60%)',
  custom: 'Custom',
};

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    const load = () => browser.storage.local.get(SETTINGS_KEY).then((s) => setSettings(readSettings(s[SETTINGS_KEY])));
    void load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes) void load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  if (!settings) return <p class="muted">Loading…</p>;
  const update = (patch: Partial<Settings>) => {
    const next = readSettings({ ...settings, ...patch });
    setSettings(next);
    writeSettings(next).then(
      () => setSaved('Saved.'),
      (error: unknown) => setSaved(`Could not save: ${String(error)}`),
    );
  };
  const int = (value: string, fallback: number) => (Number.isFinite(Number.parseInt(value, 10)) ? Number.parseInt(value, 10) : fallback);
  const band = talkRatioBand(settings);
  const deleteAll = async () => {
    const { deleted } = await request({ type: 'sessions/delete', ids: 'all' });
    setConfirmDelete(false);
    setSaved(`Deleted ${deleted} stored session${deleted === 1 ? '' : 's'}.`);
  };

  return (
    <div class="options">
      <h1>Webside settings</h1>
      <p class="muted">Everything stays on this computer. Changes are saved as you make them.</p>
      {saved && (
        <p class="muted" role="status" id="saved">
          {saved}
        </p>
      )}

      <section class="panel">
        <h2>Nudges</h2>
        <ul class="plain checks">
          {NUDGE_TYPES.map((type) => (
            <li key={type}>
              <label>
                <input
                  type="checkbox"
                  name={`nudge-${type}`}
                  checked={settings.nudges[type]}
                  onChange={(e) => update({ nudges: { ...settings.nudges, [type]: e.currentTarget.checked } })}
                />{' '}
                {NUDGE_LABELS[type]}
              </label>
            </li>
          ))}
        </ul>
        <fieldset>
          <legend>Sensitivity</legend>
          {SENSITIVITIES.map((s) => (
            <label key={s} class="block">
              <input
                type="radio"
                name="sensitivity"
                value={s}
                checked={settings.sensitivity === s}
                onChange={() => update({ sensitivity: s })}
              />{' '}
              {SENSITIVITY_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <details>
          <summary>How nudges decide</summary>
          <ul>
            {describeRules(settings).map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </details>
      </section>

      <section class="panel">
        <h2>Your targets</h2>
        <label class="field">
          <span>Eye contact target</span>
          <input
            type="number"
            id="eye-target"
            min={0}
            max={100}
            step={5}
            value={settings.eyeContactTargetPct}
            onChange={(e) => update({ eyeContactTargetPct: int(e.currentTarget.value, settings.eyeContactTargetPct) })}
          />
          <span class="muted">% of the time looking at the camera</span>
        </label>
        <label class="field">
          <span>Talk-ratio band</span>
          <select
            id="talk-preset"
            value={settings.talkRatioPreset}
            onChange={(e) =>
              update({
                talkRatioPreset: e.currentTarget.value as TalkRatioPreset,
                ...(e.currentTarget.value === 'custom' ? { talkRatioMinPct: band.min, talkRatioMaxPct: band.max } : {}),
              })
            }
          >
            {(Object.keys(PRESET_LABELS) as TalkRatioPreset[]).map((p) => (
              <option key={p} value={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        {settings.talkRatioPreset === 'custom' && (
          <div class="field">
            <span>Your share of talk</span>
            <input
              type="number"
              id="talk-min"
              aria-label="From %"
              min={0}
              max={100}
              value={settings.talkRatioMinPct}
              onChange={(e) => update({ talkRatioMinPct: int(e.currentTarget.value, settings.talkRatioMinPct) })}
            />
            <span>to</span>
            <input
              type="number"
              id="talk-max"
              aria-label="To %"
              min={0}
              max={100}
              value={settings.talkRatioMaxPct}
              onChange={(e) => update({ talkRatioMaxPct: int(e.currentTarget.value, settings.talkRatioMaxPct) })}
            />
            <span class="muted">%</span>
          </div>
        )}
        <p class="muted small">
          Modalities differ: client-centred work keeps the therapist's share low, directive work higher. Your band now: {band.min}–
          {band.max}% of the talk time.
        </p>
        <label class="field">
          <span>Usual session length</span>
          <input
            type="number"
            id="session-minutes"
            min={10}
            max={240}
            step={5}
            value={settings.sessionMinutes}
            onChange={(e) => update({ sessionMinutes: int(e.currentTarget.value, settings.sessionMinutes) })}
          />
          <span class="muted">minutes</span>
        </label>
        <p class="muted small">The end-of-session check-in comes at 80 % of it.</p>
        <label class="block">
          <input
            type="checkbox"
            id="break-reminders"
            checked={settings.breakReminders}
            onChange={(e) => update({ breakReminders: e.currentTarget.checked })}
          />{' '}
          Suggest a break after about 3 hours of back-to-back sessions (in the popup)
        </label>
      </section>

      <section class="panel">
        <h2>Sites</h2>
        <SiteList />
      </section>

      <section class="panel">
        <h2>Your data</h2>
        <label class="field">
          <span>Keep sessions for</span>
          <input
            type="number"
            id="retention-days"
            min={1}
            max={3650}
            value={settings.retentionDays}
            onChange={(e) => update({ retentionDays: int(e.currentTarget.value, settings.retentionDays) })}
          />
          <span class="muted">days, then they are deleted</span>
        </label>
        <div class="row">
          {confirmDelete ? (
            <>
              <span>Delete every stored session? This cannot be undone.</span>
              <button type="button" class="danger" id="confirm-delete-all" onClick={() => void deleteAll()}>
                Delete all data
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" id="delete-all" onClick={() => setConfirmDelete(true)}>
              Delete all data…
            </button>
          )}
          <button type="button" id="reset-settings" onClick={() => update({ ...DEFAULT_SETTINGS })}>
            Reset settings
          </button>
        </div>
        <p>
          <a href={browser.runtime.getURL('src/ui/diagnostics/diagnostics.html')} id="diagnostics-link">
            Diagnostics
          </a>
        </p>
      </section>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
