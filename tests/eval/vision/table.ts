// Plain-text tables and small statistics for the evaluation reports.

/** Left-aligned first column, right-aligned numbers, columns padded to fit. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '-');
export const fixed = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
export const round = (x: number, digits = 4) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export function quantile(values: readonly number[], q: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const mean = (values: readonly number[]) => {
  const v = values.filter(Number.isFinite);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
};

/** Confusion table: rows = truth, columns = prediction, in first-seen order unless given. */
export function confusion(pairs: readonly (readonly [string, string])[], rowsOrder?: string[], colsOrder?: string[]): string {
  const rows = rowsOrder ?? [...new Set(pairs.map((p) => p[0]))];
  const cols = colsOrder ?? [...new Set(pairs.map((p) => p[1]))];
  const body = rows.map((r) => [r, ...cols.map((c) => pairs.filter((p) => p[0] === r && p[1] === c).length)]);
  return table(['truth \\ verdict', ...cols], body);
}
