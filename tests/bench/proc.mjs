// @ts-check
// Linux /proc sampling for the benchmark: one Chromium's process tree, its CPU ticks and its PSS.
// Only reads /proc; never signals anything.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Kernel clock ticks per second (utime/stime units), from `getconf CLK_TCK`; 100 if that fails. */
export function clockTicks() {
  try {
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(hz) && hz > 0 ? hz : 100;
  } catch {
    return 100;
  }
}

/** Seconds since boot (the clock /proc/PID/stat starttime counts in ticks). */
function uptimeSeconds() {
  return Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}

/**
 * @typedef {object} ProcStat
 * @property {number} pid
 * @property {number} ppid
 * @property {number} ticks utime + stime, all threads of the process
 * @property {number} start starttime, ticks after boot (with pid, identifies a process across pid reuse)
 */

/**
 * @param {number} pid
 * @returns {ProcStat | null} null when the process is gone
 */
export function readStat(pid) {
  let text;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid ..." where comm may hold spaces and parentheses: split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): field n is rest[n - 3].
  const field = (/** @type {number} */ n) => Number(rest[n - 3]);
  return { pid, ppid: field(4), ticks: field(14) + field(15), start: field(22) };
}

/**
 * CPU ticks (utime + stime) of a process's main thread (the thread whose id is the pid; in a renderer that is
 * CrRendererMain, where the page's scripts and our isolated-world bridge run), null when gone.
 * @param {number} pid
 */
export function mainThreadTicks(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(rest[14 - 3]) + Number(rest[15 - 3]);
  } catch {
    return null;
  }
}

/**
 * @param {number} pid
 * @returns {string} the command line with spaces between arguments; '' when gone (or a kernel thread)
 */
export function readCmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/**
 * Proportional set size of a process in kB (/proc/PID/smaps_rollup), null when gone or unreadable.
 * @param {number} pid
 */
export function readPssKb(pid) {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** @returns {number[]} every pid in /proc */
function allPids() {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/**
 * The Chromium browser process started with `--user-data-dir=<dir>`: the topmost process whose command
 * line names that profile (children may repeat the switch; the browser's parent does not).
 * @param {string} userDataDir
 * @returns {number | null}
 */
export function findBrowserPid(userDataDir) {
  const needle = `--user-data-dir=${userDataDir}`;
  const matching = new Map();
  for (const pid of allPids()) {
    const cmdline = readCmdline(pid);
    if (cmdline.split(' ').includes(needle)) matching.set(pid, readStat(pid));
  }
  for (const [pid, stat] of matching) if (stat && !matching.has(stat.ppid)) return pid;
  return null;
}

/**
 * @param {number} rootPid
 * @returns {ProcStat[]} the root and all its descendants (by ppid), alive right now
 */
export function processTree(rootPid) {
  /** @type {Map<number, ProcStat[]>} */
  const children = new Map();
  /** @type {ProcStat | null} */
  let root = null;
  for (const pid of allPids()) {
    const stat = readStat(pid);
    if (!stat) continue;
    if (pid === rootPid) root = stat;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat);
    children.set(stat.ppid, list);
  }
  if (!root) return [];
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(/** @type {ProcStat} */ (out[i]).pid) ?? []));
  return out;
}

/**
 * What a Chromium process is, from its command line.
 * @param {string} cmdline
 * @returns {string} browser | renderer | extension | webui | gpu | zygote | utility:<service> | <other --type>
 */
export function categoryOf(cmdline) {
  const type = /--type=(\S+)/.exec(cmdline)?.[1];
  if (!type) return cmdline.includes('crashpad') ? 'crashpad' : 'browser';
  if (type === 'renderer') {
    if (cmdline.includes('--extension-process')) return 'extension';
    // Chromium's own UI, which headless still runs: not the page.
    return cmdline.includes('--top-chrome-webui') ? 'webui' : 'renderer';
  }
  if (type === 'gpu-process') return 'gpu';
  if (type === 'utility') {
    const sub = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1] ?? 'unknown';
    // "network.mojom.NetworkService" -> "network", "audio.mojom.AudioService" -> "audio"
    return `utility:${sub.split('.')[0]}`;
  }
  return type;
}

/**
 * @typedef {object} ProcUsage
 * @property {number} pid
 * @property {string} category
 * @property {number} ticks CPU ticks used inside the window (as far as seen)
 * @property {boolean} alive still running at the end of the window
 */

/**
 * CPU of a process tree over a window. Processes are keyed by pid + start time; one that starts inside the
 * window counts from zero, one that exits counts up to its last sample (sample often to lose little).
 */
export class CpuWindow {
  /** @param {number} rootPid */
  constructor(rootPid) {
    this.rootPid = rootPid;
    this.hz = clockTicks();
    /** @type {Map<string, { pid: number, first: number, last: number, cmdline: string, alive: boolean }>} */
    this.seen = new Map();
    this.startedAt = 0;
    this.windowStartTick = 0;
    this.endedAt = 0;
  }

  /** Opens the window: every process alive now counts from its current ticks. */
  start() {
    this.seen.clear();
    this.windowStartTick = uptimeSeconds() * this.hz;
    for (const stat of processTree(this.rootPid)) this.#record(stat, true);
    this.startedAt = performance.now();
  }

  /** Notes new processes and the latest ticks of known ones. */
  sample() {
    const alive = new Set();
    for (const stat of processTree(this.rootPid)) alive.add(this.#record(stat, false));
    for (const [key, entry] of this.seen) entry.alive = alive.has(key);
  }

  /**
   * Closes the window.
   * @returns {{ seconds: number, ticks: number, hz: number, processes: ProcUsage[] }}
   */
  stop() {
    this.sample();
    this.endedAt = performance.now();
    const processes = [...this.seen.values()].map((e) => ({
      pid: e.pid,
      category: categoryOf(e.cmdline),
      ticks: e.last - e.first,
      alive: e.alive,
    }));
    return {
      seconds: (this.endedAt - this.startedAt) / 1000,
      ticks: processes.reduce((sum, p) => sum + p.ticks, 0),
      hz: this.hz,
      processes,
    };
  }

  /** Pids alive at the last sample, with their category. */
  alive() {
    return [...this.seen.values()].filter((e) => e.alive).map((e) => ({ pid: e.pid, category: categoryOf(e.cmdline) }));
  }

  /**
   * @param {ProcStat} stat
   * @param {boolean} atStart
   * @returns {string} key
   */
  #record(stat, atStart) {
    const key = `${stat.pid}:${stat.start}`;
    const entry = this.seen.get(key);
    if (entry) {
      entry.last = stat.ticks;
      return key;
    }
    // Born inside the window: all its ticks belong to the window. Otherwise count from now.
    const bornInside = !atStart && stat.start >= this.windowStartTick;
    this.seen.set(key, {
      pid: stat.pid,
      first: bornInside ? 0 : stat.ticks,
      last: stat.ticks,
      cmdline: readCmdline(stat.pid),
      alive: true,
    });
    return key;
  }
}

/**
 * Least-squares slope of y over x.
 * @param {Array<[number, number]>} points [x, y]
 * @returns {number | null} null with fewer than two distinct x
 */
export function slope(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}
