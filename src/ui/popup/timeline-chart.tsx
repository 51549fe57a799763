// The per-minute timeline of one session, hand-drawn in SVG: eye contact, lighting and framing as
// % of each minute's known time (lines; gaps where unknown), talk-overs as ticks along the bottom.
import type { Minute } from '../../core/session/aggregates';

const W = 320;
const H = 110;
const PAD = { left: 34, right: 6, top: 8, bottom: 18 };

const SERIES = [
  { key: 'eye', label: 'Eye contact', color: 'var(--accent)', of: (m: Minute) => share(m.atCameraMs, m.gazeKnownMs) },
  { key: 'light', label: 'Lighting good', color: 'var(--warn)', of: (m: Minute) => share(m.goodLightMs, m.lightKnownMs) },
  { key: 'framing', label: 'Framing good', color: 'var(--good)', of: (m: Minute) => share(m.goodFramingMs, m.framingKnownMs) },
] as const;

function share(part: number, whole: number): number | null {
  return whole >= 5000 ? (100 * part) / whole : null; // under 5 s known: not enough to draw
}

function path(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) return void (pen = false);
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export function TimelineChart({ timeline }: { timeline: Minute[] }) {
  if (timeline.length === 0) return <p class="muted">No minute recorded yet.</p>;
  if (timeline.every((m) => SERIES.every((s) => s.of(m) === null) && m.talkOvers === 0))
    return <p class="muted small">No timeline: nothing could be measured in this session.</p>;
  const n = timeline.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => PAD.top + (1 - v / 100) * plotH;
  const ticks = [0, 50, 100];
  const lastMinute = n;
  return (
    <figure class="timeline" style={{ margin: '6px 0 0' }}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Per-minute timeline, ${n} minutes`} data-minutes={n}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="var(--line)" stroke-width="1" />
            <text x={PAD.left - 4} y={y(t) + 3} text-anchor="end" font-size="9" fill="var(--muted)">
              {t}%
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 4} font-size="9" fill="var(--muted)">
          0 min
        </text>
        <text x={W - PAD.right} y={H - 4} font-size="9" fill="var(--muted)" text-anchor="end">
          {lastMinute} min
        </text>
        {timeline.map((m, i) =>
          m.talkOvers > 0 ? (
            <line
              key={`o${i}`}
              x1={x(i)}
              x2={x(i)}
              y1={H - PAD.bottom}
              y2={H - PAD.bottom - Math.min(4, m.talkOvers) * 3}
              stroke="var(--fg)"
              stroke-width="2"
            >
              <title>{`minute ${i + 1}: ${m.talkOvers} talk-over${m.talkOvers > 1 ? 's' : ''}`}</title>
            </line>
          ) : null,
        )}
        {SERIES.map((s) => {
          const values = timeline.map(s.of);
          const single = n === 1 && values[0] !== null;
          return single ? (
            <circle key={s.key} cx={x(0)} cy={y(values[0]!)} r="3" fill={s.color} />
          ) : (
            <path key={s.key} d={path(values, x, y)} fill="none" stroke={s.color} stroke-width="2" stroke-linejoin="round" />
          );
        })}
      </svg>
      <figcaption class="legend">
        {SERIES.map((s) => (
          <span key={s.key}>
            <i style={{ background: s.color }} /> {s.label}
          </span>
        ))}
        <span>
          <i style={{ background: 'var(--fg)', width: '2px' }} /> talk-over
        </span>
      </figcaption>
    </figure>
  );
}
