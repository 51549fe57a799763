// Sessions: the stored list, delete one or all (with a confirm step), and export as CSV or JSON
// (de-identified aggregates, saved through a blob URL: nothing goes over the network).
import { useState } from 'preact/hooks';
import { exportCsv, exportJson } from '../../core/session/export';
import type { SessionRecord } from '../../core/session/record';
import { request } from '../../shared/messaging';
import { talkRatioBand, type Settings } from '../../shared/settings';
import { download } from '../download';
import { durationText, whenText } from '../format';

export function SessionsTab({
  records,
  settings,
  liveIds,
  onChange,
}: {
  records: SessionRecord[];
  settings: Settings;
  liveIds: string[];
  onChange: () => void;
}) {
  const [confirm, setConfirm] = useState<string | 'all' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const remove = async (ids: string[] | 'all') => {
    const { deleted } = await request({ type: 'sessions/delete', ids });
    setConfirm(null);
    setNote(`Deleted ${deleted} session${deleted === 1 ? '' : 's'}.`);
    onChange();
  };
  const stamp = new Date().toISOString().slice(0, 10);
  const exportAs = (kind: 'csv' | 'json') => {
    if (kind === 'csv')
      download(
        `webside-sessions-${stamp}.csv`,
        'text/csv',
        exportCsv(records, { eyeContactTargetPct: settings.eyeContactTargetPct, talkBand: talkRatioBand(settings) }),
      );
    else download(`webside-sessions-${stamp}.json`, 'application/json', exportJson(records, Date.now()));
  };
  const newest = [...records].reverse();
  return (
    <div>
      <div class="row">
        <button type="button" id="export-csv" disabled={records.length === 0} onClick={() => exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" id="export-json" disabled={records.length === 0} onClick={() => exportAs('json')}>
          Export JSON
        </button>
        {confirm === 'all' ? (
          <span class="confirm">
            Delete all {records.length}?{' '}
            <button type="button" id="confirm-delete-all" class="danger" onClick={() => void remove('all')}>
              Delete all
            </button>{' '}
            <button type="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" id="delete-all" disabled={records.length === 0} onClick={() => setConfirm('all')}>
            Delete all…
          </button>
        )}
      </div>
      <p class="muted small">Exports hold the site name, times and numbers only: no video, audio or words.</p>
      {note && (
        <p class="muted" role="status">
          {note}
        </p>
      )}
      {newest.length === 0 && <p class="muted">No sessions stored.</p>}
      <ul class="session-list">
        {newest.map((r) => (
          <li key={r.id} data-session={r.id}>
            <div>
              <strong>{r.site || 'call'}</strong>
              {liveIds.includes(r.id) && <span class="good"> · live</span>}
              <div class="muted small">
                {whenText(r.startedAt)} · {durationText((r.endedAt ?? r.lastSeenAt) - r.startedAt)}
              </div>
            </div>
            {confirm === r.id ? (
              <span>
                <button type="button" class="danger confirm-delete" onClick={() => void remove([r.id])}>
                  Delete
                </button>{' '}
                <button type="button" onClick={() => setConfirm(null)}>
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" class="delete" aria-label={`Delete the session on ${r.site}`} onClick={() => setConfirm(r.id)}>
                Delete…
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
