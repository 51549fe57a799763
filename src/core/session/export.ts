// Export of the stored aggregates for supervision or personal records: JSON and CSV, de-identified
// (the site's hostname and times only; no tab, no open-session state). CSV cells that a spreadsheet
// would run as a formula (= + - @, tab, CR) get a leading apostrophe (OWASP "CSV injection").
import type { SessionRecord } from './record';
import { summarize, type SummaryTargets } from './summary';

export const EXPORT_FORMAT = 'webside.sessions';
export const EXPORT_VERSION = 1;

export function exportJson(records: readonly SessionRecord[], now: number): string {
  const sessions = records.map((r) => ({
    site: r.site,
    startedAt: new Date(r.startedAt).toISOString(),
    endedAt: r.endedAt === null ? null : new Date(r.endedAt).toISOString(),
    aggregates: r.aggregates,
    selfRating: r.selfRating ?? null,
  }));
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date(now).toISOString(), sessions }, null, 2);
}

export const CSV_COLUMNS = [
  'site',
  'started_at',
  'ended_at',
  'duration_min',
  'eye_contact_pct',
  'lighting_good_pct',
  'lighting_main_issue',
  'framing_good_pct',
  'framing_main_issue',
  'talk_ratio_pct',
  'therapist_interruptions',
  'therapist_backchannels',
  'client_interruptions',
  'client_backchannels',
  'latency_raw_ms',
  'latency_corrected_ms',
  'responses',
  'longest_monologue_s',
  'rtt_ms',
  'loss_pct',
  'nudges_shown',
  'connection_self_rating',
] as const;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCsv(records: readonly SessionRecord[], targets: SummaryTargets): string {
  const rows = records.map((r) => {
    const end = r.endedAt ?? r.lastSeenAt;
    const s = summarize(r.aggregates, end - r.startedAt, targets);
    const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      site: r.site,
      started_at: new Date(r.startedAt).toISOString(),
      ended_at: r.endedAt === null ? null : new Date(r.endedAt).toISOString(),
      duration_min: Math.round((end - r.startedAt) / 6000) / 10,
      eye_contact_pct: s.eyeContactPct,
      lighting_good_pct: s.lighting.goodPct,
      lighting_main_issue: s.lighting.mainIssue?.state ?? null,
      framing_good_pct: s.framing.goodPct,
      framing_main_issue: s.framing.mainIssue?.state ?? null,
      talk_ratio_pct: s.talkRatioPct,
      therapist_interruptions: s.talkOvers?.therapist.interruptions ?? null,
      therapist_backchannels: s.talkOvers?.therapist.backchannels ?? null,
      client_interruptions: s.talkOvers?.client.interruptions ?? null,
      client_backchannels: s.talkOvers?.client.backchannels ?? null,
      latency_raw_ms: s.latency?.rawMs ?? null,
      latency_corrected_ms: s.latency?.correctedMs ?? null,
      responses: s.latency?.responses ?? null,
      longest_monologue_s: s.longestMonologueMs === null ? null : Math.round(s.longestMonologueMs / 1000),
      rtt_ms: s.connection?.rttMs ?? null,
      loss_pct: s.connection?.lossPct ?? null,
      nudges_shown: r.aggregates.nudges.shown,
      connection_self_rating: r.selfRating ?? null,
    };
    return CSV_COLUMNS.map((c) => csvCell(values[c])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** A minimal RFC 4180 reader (for tests and for checking an export): rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('CSV: unterminated quoted cell');
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
