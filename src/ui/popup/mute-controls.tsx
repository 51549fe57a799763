// Snooze 15 min (every tab) and "Quiet for this session" (the live call tabs): both write the one
// snooze/quiet record, storage.session `nudges.mute.v1`, which the service worker pushes to the
// coaches and shows on the badge.
import { isSnoozed, SNOOZE_MS, type Mute } from '../../shared/nudge-mute';
import { writeMute } from '../sessions-store';

export function MuteControls({ mute, liveTabs, onChange }: { mute: Mute; liveTabs: number[]; onChange: () => void }) {
  const now = Date.now();
  const snoozed = isSnoozed(mute, now);
  const quiet = liveTabs.length > 0 && liveTabs.every((t) => mute.quietTabs.includes(t));
  const act = (update: (m: Mute) => Mute) => void writeMute(update).then(onChange, onChange);
  return (
    <div class="mute-controls">
      {snoozed ? (
        <button type="button" id="resume" onClick={() => act((m) => ({ ...m, snoozeUntil: null }))}>
          Snoozed until {new Date(mute.snoozeUntil!).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} · Resume
        </button>
      ) : (
        <button type="button" id="snooze" onClick={() => act((m) => ({ ...m, snoozeUntil: Date.now() + SNOOZE_MS }))}>
          Snooze 15 min
        </button>
      )}
      <button
        type="button"
        id="quiet"
        disabled={liveTabs.length === 0}
        aria-pressed={quiet}
        title={liveTabs.length === 0 ? 'No call is live' : undefined}
        onClick={() =>
          act((m) => ({
            ...m,
            quietTabs: quiet ? m.quietTabs.filter((t) => !liveTabs.includes(t)) : [...new Set([...m.quietTabs, ...liveTabs])],
          }))
        }
      >
        {quiet ? 'Quiet · turn cues back on' : 'Quiet for this session'}
      </button>
    </div>
  );
}
