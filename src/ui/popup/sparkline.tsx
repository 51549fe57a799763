// A sparkline: one value per session, oldest left; nulls (unknown) leave a gap.
const W = 120;
const H = 26;

export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return <span class="muted">unknown</span>;
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const span = hi - lo || 1;
  const x = (i: number) => (values.length === 1 ? W / 2 : 2 + (i / (values.length - 1)) * (W - 4));
  const y = (v: number) => 3 + (1 - (v - lo) / span) * (H - 6);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) return void (pen = false);
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  return (
    <svg class="sparkline" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <path d={d} fill="none" stroke="var(--accent)" stroke-width="1.5" stroke-linejoin="round" />
      <circle cx={x(lastIndex)} cy={y(values[lastIndex]!)} r="2.5" fill="var(--accent)" />
    </svg>
  );
}
