// Bundles the evaluation page (page/: a main thread that relays, a module worker that runs the
// extension's face code) with vite's JS API and an inline config, so the repo's extension config
// (crxjs, model provisioning) stays out of it.
import { resolve } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../../support/paths';

export const evalCacheDir = resolve(repoRoot, '.cache/eval');
export const pageOutDir = resolve(evalCacheDir, 'vision-page');

export async function buildPage(): Promise<string> {
  await build({
    configFile: false,
    root: resolve(import.meta.dirname, 'page'),
    base: './',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: pageOutDir, emptyOutDir: true, target: 'chrome116', sourcemap: false, minify: false, reportCompressedSize: false },
  });
  return pageOutDir;
}
