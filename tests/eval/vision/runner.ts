// Runs analysis jobs (an image in a folder, how to present it) through one lazily opened browser
// session. Results are also written to .cache/eval/results/<label>.json; with `reuse` they are read
// back instead of re-running the model, to iterate on the pure estimators quickly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalCacheDir } from './bundle';
import type { AnalyseRequest, AnalyseResult, RenderRequest } from './page/protocol';
import { openSession, type Session } from './session';

export interface Job {
  dir: string;
  file: string;
  frames: number;
  mirror?: boolean;
  allLandmarks?: boolean;
  /** frames of another image in `dir` to track first (the light changed during a call) */
  after?: { file: string; frames: number };
}

export class Runner {
  private session: Promise<Session> | null = null;

  constructor(private readonly reuse = false) {}

  private open(): Promise<Session> {
    this.session ??= openSession();
    return this.session;
  }

  async run(jobs: readonly Job[], label: string): Promise<AnalyseResult[]> {
    const dir = resolve(evalCacheDir, 'results');
    const cacheFile = resolve(dir, `${label}.json`);
    const key = (job: Job) => JSON.stringify({ ...job, dir: resolve(job.dir) });
    const cached: Record<string, AnalyseResult> = this.reuse && existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
    const missing = jobs.filter((job) => !cached[key(job)]);
    if (missing.length) {
      const session = await this.open();
      const requests: AnalyseRequest[] = missing.map((job) => {
        const url = session.mount(job.dir);
        const { dir: _dir, file, after, ...rest } = job;
        return { ...rest, url: url(file), ...(after ? { after: { url: url(after.file), frames: after.frames } } : {}) };
      });
      const results = await session.analyse(requests, label);
      missing.forEach((job, i) => (cached[key(job)] = results[i]!));
      mkdirSync(dir, { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(cached));
    } else if (jobs.length) {
      console.info(`${label}: reusing ${jobs.length} cached results from ${cacheFile}`);
    }
    return jobs.map((job) => cached[key(job)]!);
  }

  async render(dir: string, file: string, request: Omit<RenderRequest, 'url'>): Promise<Buffer> {
    const session = await this.open();
    return session.render({ ...request, url: session.mount(dir)(file) });
  }

  async close(): Promise<void> {
    if (this.session) await (await this.session).close();
  }
}
