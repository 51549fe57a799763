// Makes the gaze set into .cache/eval/gaze/ from our labels (gaze-labels.csv: source, time, label,
// role) and the shared face media: one PNG per labelled frame and labels.csv (file,label,person,role).
//
//   npx tsx tests/eval/vision/make-gaze.ts [OUT_DIR]
import { resolve } from 'node:path';
import { sharedFile } from '../../support/paths';
import { evalCacheDir } from './bundle';
import { readCsv, writeCsv } from './csv';
import { extractFrame, frameName } from './frames';

const LABELS = new Set(['camera', 'not_camera', 'eyes_closed']);

const out = resolve(process.argv[2] ?? resolve(evalCacheDir, 'gaze'));
const rows = readCsv(resolve(import.meta.dirname, 'gaze-labels.csv'), ['source', 'time', 'label', 'role']);
const labels = rows.map((row, i) => {
  if (!LABELS.has(row.label!)) throw new Error(`gaze-labels.csv row ${i + 1}: unknown label ${row.label}`);
  const seconds = row.time ? Number(row.time) : null;
  const file = frameName(row.source!, seconds);
  extractFrame(sharedFile('media/faces', row.source!), seconds, resolve(out, file));
  return [file, row.label!, row.source!, row.role || 'score'];
});
writeCsv(resolve(out, 'labels.csv'), ['file', 'label', 'person', 'role'], labels);
console.info(`gaze set: ${labels.length} labelled frames in ${out}`);
