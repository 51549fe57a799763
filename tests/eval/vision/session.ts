// One evaluation session: bundle the page, serve it, open it in headless Chromium (no extension),
// wait for the face model, then analyse images through `window.visionEval`.
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../src/tools/chromium.mjs';
import { buildPage } from './bundle';
import type { AnalyseRequest, AnalyseResult, RenderRequest } from './page/protocol';
import { fileUrl, startServer } from './server';

export interface Session {
  /** URL prefix under which the files of `dir` are served */
  mount(dir: string): (file: string) => string;
  analyse(requests: AnalyseRequest[], label?: string): Promise<AnalyseResult[]>;
  render(request: RenderRequest): Promise<Buffer>;
  close(): Promise<void>;
}

const BATCH = 12;

export async function openSession(): Promise<Session> {
  const pageDir = await buildPage();
  const server = await startServer(pageDir);
  const browser = await launchChromium({ headless: true, fakeMedia: false });
  try {
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (message) => {
      // MediaPipe logs its glog INFO lines through console.error; keep only real problems.
      if (message.type() === 'error' && !/^(INFO:|I\d{4} |W\d{4} )/.test(message.text())) console.error(`[page] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
    await page.goto(`${server.origin}/index.html`);
    const loadMs = await page.evaluate(() => window.visionEval!.ready);
    console.info(`face model ready in ${Math.round(loadMs)} ms (module worker, CPU delegate)`);
    return {
      mount(dir) {
        const prefix = server.mount(dir);
        return (file) => fileUrl(prefix, file);
      },
      async analyse(requests, label = 'images') {
        const results: AnalyseResult[] = [];
        for (let i = 0; i < requests.length; i += BATCH) {
          const batch = requests.slice(i, i + BATCH);
          results.push(...(await page.evaluate((items) => window.visionEval!.analyse(items), batch)));
          process.stderr.write(`\r${label}: ${results.length}/${requests.length}`);
        }
        process.stderr.write('\n');
        return results;
      },
      async render(request) {
        return Buffer.from(await page.evaluate((r) => window.visionEval!.render(r), request), 'base64');
      },
      async close() {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser.close();
    await server.close();
    throw error;
  }
}
