// One tap after a session: how was the connection today? (issue 9; the Session Rating Scale habit,
// for the therapist's own record). Stored with the session's aggregates, shown in Trends, exported.
import { useState } from 'preact/hooks';
import type { SessionRecord } from '../../core/session/record';
import { request } from '../../shared/messaging';

const LABELS = ['', 'Very poor', 'Poor', 'OK', 'Good', 'Very good'] as const;

export function SelfRating({ record, onChange }: { record: SessionRecord; onChange: () => void }) {
  const [note, setNote] = useState<string | null>(null);
  const closed = record.open === null && record.endedAt !== null;
  const rate = (rating: 1 | 2 | 3 | 4 | 5 | null) =>
    request({ type: 'sessions/rate', id: record.id, rating }).then(
      ({ ok }) => {
        setNote(ok ? null : 'Could not save: the session has not closed yet.');
        onChange();
      },
      () => setNote('Could not save the rating.'),
    );
  return (
    <div class="self-rating" role="group" aria-labelledby={`rating-${record.id}`}>
      <span id={`rating-${record.id}`} class="small">
        How was the connection, to you?
      </span>
      <span class="stars">
        {([1, 2, 3, 4, 5] as const).map((n) => (
          <button
            key={n}
            type="button"
            class="star"
            aria-pressed={record.selfRating === n}
            aria-label={`${n} of 5: ${LABELS[n]}`}
            title={LABELS[n]}
            disabled={!closed}
            onClick={() => void rate(record.selfRating === n ? null : n)}
          >
            {n}
          </button>
        ))}
      </span>
      {!closed && <span class="muted small">after the session closes</span>}
      {note && (
        <span class="warn small" role="alert">
          {note}
        </span>
      )}
    </div>
  );
}
