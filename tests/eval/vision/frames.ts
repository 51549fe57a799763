// Still frames from the shared videos, made with ffmpeg into .cache/eval/ (never into the repo).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';

/** `src` at `seconds` (or the still itself when seconds is null) as a PNG at `out`; made once. */
export function extractFrame(src: string, seconds: number | null, out: string): string {
  if (existsSync(out)) return out;
  if (!existsSync(src)) throw new Error(`source media not found: ${src}`);
  mkdirSync(dirname(out), { recursive: true });
  // -ss after -i decodes up to the time: exact to the frame, and these clips are short.
  const at = seconds === null ? [] : ['-ss', seconds.toFixed(3)];
  execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', src, ...at, '-frames:v', '1', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(out)) throw new Error(`ffmpeg made no frame at ${seconds} s of ${src}`);
  return out;
}

/** A file name for a frame: `WolfgangLanger_Pexels_t13.50.png`, or the still's own stem. */
export const frameName = (source: string, seconds: number | null) =>
  `${basename(source, extname(source))}${seconds === null ? '' : `_t${seconds.toFixed(3)}`}.png`;
