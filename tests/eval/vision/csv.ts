// Minimal CSV for the label files: a header row, comma-separated fields, no quoting (our files and
// the shared labels have no commas inside fields).
import { readFileSync, writeFileSync } from 'node:fs';

export type Row = Record<string, string>;

export function readCsv(path: string, required: readonly string[] = []): Row[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length) throw new Error(`${path}: missing column(s) ${missing.join(', ')} (header: ${header.join(',')})`);
  return lines.map((line, i) => {
    const cells = line.split(',');
    if (cells.length > header.length) throw new Error(`${path}:${i + 2}: ${cells.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
  });
}

export function writeCsv(path: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const text = [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
  writeFileSync(path, text);
}
