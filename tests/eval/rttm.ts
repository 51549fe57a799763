// Reference labels for the VAD evaluation: RTTM speaker turns and UEM scored regions, looked up per
// recording either in `<uri>.rttm` / `<uri>.uem` or in any *.rttm / *.uem of the folder that lists the uri
// (pyannote's debug.train.rttm style). Malformed lines are errors that name the file and line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Span {
  startS: number;
  endS: number;
}

export function parseRttm(text: string, file: string): Map<string, Span[]> {
  const byUri = new Map<string, Span[]>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const f = line.split(/\s+/);
    if (f[0] !== 'SPEAKER') return; // other RTTM record types carry no speech turns
    const start = Number(f[3]);
    const duration = Number(f[4]);
    if (f.length < 5 || !Number.isFinite(start) || !(duration >= 0)) {
      throw new Error(`${file}:${i + 1}: expected "SPEAKER uri channel start duration ...", got "${line}"`);
    }
    const list = byUri.get(f[1]!) ?? [];
    list.push({ startS: start, endS: start + duration });
    byUri.set(f[1]!, list);
  });
  return byUri;
}

export function parseUem(text: string, file: string): Map<string, Span[]> {
  const byUri = new Map<string, Span[]>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const f = line.split(/\s+/);
    const start = Number(f[2]);
    const end = Number(f[3]);
    if (f.length < 4 || !Number.isFinite(start) || !(end >= start)) {
      throw new Error(`${file}:${i + 1}: expected "uri channel start end", got "${line}"`);
    }
    const list = byUri.get(f[0]!) ?? [];
    list.push({ startS: start, endS: end });
    byUri.set(f[0]!, list);
  });
  return byUri;
}

export interface Labels {
  /** speech turns (speakers merged later); empty when the recording has none */
  speech: Span[];
  /** scored regions; undefined means the whole file */
  scored: Span[] | undefined;
  /** where the labels came from, for the report */
  sources: string[];
}

/** Labels for `uri` from the folder; a uri in no RTTM has no speech (e.g. a silent file). */
export function labelsFor(dir: string, uri: string): Labels {
  const files = readdirSync(dir);
  const pick = (ext: string) => (existsSync(join(dir, `${uri}.${ext}`)) ? [`${uri}.${ext}`] : files.filter((f) => f.endsWith(`.${ext}`)));
  const sources: string[] = [];
  const speech: Span[] = [];
  for (const f of pick('rttm')) {
    const found = parseRttm(readFileSync(join(dir, f), 'utf8'), f).get(uri);
    if (!found) continue;
    speech.push(...found);
    sources.push(f);
  }
  let scored: Span[] | undefined;
  for (const f of pick('uem')) {
    const found = parseUem(readFileSync(join(dir, f), 'utf8'), f).get(uri);
    if (!found) continue;
    scored = [...(scored ?? []), ...found];
    sources.push(f);
  }
  return { speech, scored, sources };
}
