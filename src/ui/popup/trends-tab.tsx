// Trends: the last N sessions as one sparkline per metric, with the latest value and the average.
import type { SessionRecord } from '../../core/session/record';
import { summarize, type SessionSummary } from '../../core/session/summary';
import { talkRatioBand, type Settings } from '../../shared/settings';
import { Sparkline } from './sparkline';

export const TREND_SESSIONS = 12;

const METRICS: { key: string; label: string; unit: string; of: (s: SessionSummary, r: SessionRecord) => number | null }[] = [
  { key: 'eye-contact', label: 'Eye contact', unit: '%', of: (s) => s.eyeContactPct },
  { key: 'lighting', label: 'Lighting good', unit: '%', of: (s) => s.lighting.goodPct },
  { key: 'framing', label: 'Framing good', unit: '%', of: (s) => s.framing.goodPct },
  { key: 'talk-ratio', label: 'Your talk share', unit: '%', of: (s) => s.talkRatioPct },
  {
    key: 'talk-overs',
    label: 'Talk-overs / hour',
    unit: '',
    of: (s) =>
      s.talkOvers && s.durationMs >= 60_000 ? Math.round((s.talkOvers.therapist.interruptions * 3_600_000) / s.durationMs) : null,
  },
  { key: 'latency', label: 'Reply gap (client)', unit: ' ms', of: (s) => s.latency?.correctedMs ?? null },
  { key: 'self-rating', label: 'Connection (your rating)', unit: '/5', of: (_s, r) => r.selfRating ?? null },
];

export function TrendsTab({ records, settings }: { records: SessionRecord[]; settings: Settings }) {
  const recent = records.filter((r) => r.open === null).slice(-TREND_SESSIONS);
  if (recent.length < 2) return <p class="muted">Trends appear after two finished sessions.</p>;
  const targets = { eyeContactTargetPct: settings.eyeContactTargetPct, talkBand: talkRatioBand(settings) };
  const summaries = recent.map((r) => summarize(r.aggregates, (r.endedAt ?? r.lastSeenAt) - r.startedAt, targets));
  return (
    <div class="panel">
      <p class="muted" style={{ margin: '0 0 8px' }}>
        Your last {recent.length} sessions, oldest on the left.
      </p>
      <table class="trends">
        <tbody>
          {METRICS.map((m) => {
            const values = summaries.map((summary, i) => m.of(summary, recent[i]!));
            const known = values.filter((v): v is number => v !== null);
            const last = [...values].reverse().find((v) => v !== null) ?? null;
            const mean = known.length ? Math.round(known.reduce((a, b) => a + b, 0) / known.length) : null;
            return (
              <tr key={m.key} data-metric={m.key}>
                <th scope="row">{m.label}</th>
                <td>
                  <Sparkline values={values} label={`${m.label} over ${recent.length} sessions`} />
                </td>
                <td class="num">
                  {last === null ? '–' : `${last}${m.unit}`}
                  <div class="muted small">{mean === null ? '' : `avg ${mean}${m.unit}`}</div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
