// Video fatigue (issue 9): total video-session time today and this week, from the stored sessions'
// start and end times, and — only if the therapist turned it on — a gentle break suggestion after a
// long back-to-back stretch.
import { suggestBreak, videoTime, type SessionSpan } from '../../core/rituals/rituals';
import type { SessionRecord } from '../../core/session/record';

const hm = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};

export function VideoTime({
  records,
  breakReminders,
  now = Date.now(),
}: {
  records: readonly SessionRecord[];
  breakReminders: boolean;
  now?: number;
}) {
  const spans: SessionSpan[] = records.map((r) => ({ startMs: r.startedAt, endMs: r.endedAt ?? r.lastSeenAt }));
  const { todayMs, weekMs } = videoTime(spans, now, new Date(now).getTimezoneOffset());
  return (
    <div class="video-time">
      <p class="small" id="video-time">
        On video today <strong>{hm(todayMs)}</strong> · this week <strong>{hm(weekMs)}</strong>
      </p>
      {breakReminders && suggestBreak(spans, now) && (
        <p class="small" id="break-suggestion" role="note">
          Several sessions back to back: a short break away from the screen before the next one?
        </p>
      )}
    </div>
  );
}
