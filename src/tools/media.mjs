// @ts-check
// Derived test media, made with ffmpeg into the git-ignored .cache/media/ (never into the repo).
// The real recordings live read-only in the shared folder; we only read them.
/* global process */ // Node globals: the lint config declares none for .mjs files
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const mediaCacheDir = path.join(repoRoot, '.cache', 'media');

/** Absolute path of the shared folder (WEBSIDE_SHARED, else ../shared next to the repo), or null if absent. */
export function sharedDir() {
  const dir = path.resolve(process.env.WEBSIDE_SHARED || path.resolve(repoRoot, '..', 'shared'));
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? dir : null;
}

const FFMPEG_MISSING =
  'ffmpeg was not found on PATH. Webside uses it to turn test recordings into fake camera/mic files. ' +
  'Install it: Debian/Ubuntu `sudo apt-get install ffmpeg`, macOS `brew install ffmpeg`, Windows `winget install ffmpeg`.';

/**
 * Runs ffmpeg and resolves with its stderr (where ffmpeg writes logs and filter output).
 * @param {string[]} args
 * @returns {Promise<string>}
 */
function ffmpeg(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (err) => {
      reject(/** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT' ? new Error(FFMPEG_MISSING) : err);
    });
    child.on('close', (code) => {
      if (code === 0) resolve(stderr);
      else reject(new Error(`ffmpeg exited with code ${code}:\n${stderr.trim().split('\n').slice(-8).join('\n')}`));
    });
  });
}

/** @param {string} src */
function mustExist(src) {
  if (!fs.existsSync(src)) throw new Error(`Source media not found: ${src}`);
}

/**
 * Makes `out` with ffmpeg once: reused while it exists and is newer than `src`. ffmpeg writes a temp
 * file that is renamed into place, so a crash never leaves a half-written file that looks reusable.
 * @param {string} src
 * @param {string} out
 * @param {(tmp: string) => string[]} argsFor ffmpeg arguments writing to `tmp`
 */
async function derive(src, out, argsFor) {
  mustExist(src);
  const made = fs.statSync(out, { throwIfNoEntry: false });
  if (made && made.mtimeMs >= fs.statSync(src).mtimeMs) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
  try {
    await ffmpeg(['-y', '-loglevel', 'error', ...argsFor(tmp)]);
    fs.renameSync(tmp, out);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return out;
}

/**
 * A y4m for Chromium's --use-file-for-fake-video-capture: scaled to fit and padded (black) to exactly
 * width x height pixels, constant `fps` frames/s, yuv420p, no audio. Chromium loops it.
 * `filter` (an ffmpeg filter chain, e.g. `eq=brightness=-0.5`) is applied to the source first, so
 * tests can make a known change to real footage (name the result differently).
 * @param {string} src
 * @param {{ width?: number, height?: number, fps?: number, name?: string, filter?: string }} [options]
 * @returns {Promise<string>} path of .cache/media/<name>.y4m
 */
export async function deriveY4m(src, { width = 640, height = 480, fps = 30, name, filter } = {}) {
  const out = path.join(mediaCacheDir, `${name ?? `${path.parse(src).name}-${width}x${height}-${fps}fps`}.y4m`);
  const vf = [
    ...(filter ? [filter] : []),
    `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
    `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black`,
    'setsar=1',
    `fps=${fps}`,
    'format=yuv420p',
  ].join(',');
  return derive(src, out, (tmp) => ['-i', src, '-an', '-vf', vf, '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', tmp]);
}

/**
 * A mono 16-bit PCM wav at `rate` Hz (bit-exact: a plain header, no metadata chunks).
 * @param {string} src
 * @param {{ rate?: number, name?: string }} [options]
 * @returns {Promise<string>} path of .cache/media/<name>.wav
 */
export async function deriveWav(src, { rate = 48000, name } = {}) {
  const out = path.join(mediaCacheDir, `${name ?? `${path.parse(src).name}-${rate}hz-mono`}.wav`);
  return derive(src, out, (tmp) => [
    '-i',
    src,
    '-vn',
    '-map_metadata',
    '-1',
    '-ac',
    '1',
    '-ar',
    String(rate),
    '-c:a',
    'pcm_s16le',
    '-fflags',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    '-f',
    'wav',
    tmp,
  ]);
}

/**
 * Times (seconds from the start) where the picture changes by more than `threshold` (0..1 scene score).
 * @param {string} src
 * @param {number} [threshold]
 * @returns {Promise<number[]>}
 */
export async function sceneCuts(src, threshold = 0.2) {
  mustExist(src);
  // showinfo logs one line per selected frame at the info level: "... n: 0 pts: 1234 pts_time:5.14 ...".
  const log = await ffmpeg(['-loglevel', 'info', '-i', src, '-an', '-vf', `select='gt(scene,${threshold})',showinfo`, '-f', 'null', '-']);
  return [...log.matchAll(/Parsed_showinfo.*?pts_time:\s*(-?[\d.]+)/g)].map((m) => Number(m[1]));
}
