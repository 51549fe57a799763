import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, exportCsv, exportJson, parseCsv } from '../../../src/core/session/export';
import { makeRecord, T0 } from './records';

const targets = { eyeContactTargetPct: 40, talkBand: { min: 30, max: 50 } };

describe('export', () => {
  it('CSV: one row per session, values from the summary, round-trips through a CSV reader', () => {
    const records = [makeRecord('a', { atCameraS: 240 }), makeRecord('b', { site: 'x,"y".example' })];
    const rows = parseCsv(exportCsv(records, targets));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(row).toMatchObject({
      site: 'meet.example.org',
      started_at: new Date(T0).toISOString(),
      duration_min: '10',
      eye_contact_pct: '40',
      talk_ratio_pct: '40',
    });
    expect(rows[2]![0]).toBe('x,"y".example');
  });

  it('CSV: cells that a spreadsheet would run as a formula are defused', () => {
    for (const evil of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\t=1'])
      expect(csvCell(evil).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell('plain')).toBe('plain');
    const rows = parseCsv(exportCsv([makeRecord('a', { site: '=cmd|calc' })], targets));
    expect(rows[1]![0]).toBe("'=cmd|calc");
  });

  it('JSON: de-identified (site and times only) and parseable', () => {
    const record = { ...makeRecord('secret-id'), open: null, selfRating: 4 as const };
    const text = exportJson([record], T0);
    const parsed = JSON.parse(text);
    expect(parsed.format).toBe('webside.sessions');
    expect(parsed.sessions[0]).toEqual({
      site: 'meet.example.org',
      startedAt: new Date(T0).toISOString(),
      endedAt: new Date(T0 + 600_000).toISOString(),
      aggregates: record.aggregates,
      selfRating: 4,
    });
    expect(text).not.toContain('secret-id');
    expect(text).not.toContain('tabId');
  });

  it('a malformed CSV gets a clear error', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
  });
});
