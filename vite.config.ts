import { crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import manifest from './manifest.json' with { type: 'json' };
import { visionAssets } from './src/build/vision-assets';
import { audioWorklet } from './src/build/audio-worklet';
import { toFirefoxManifest } from './src/build/firefox-manifest';

// `vite build --mode firefox` (`npm run build:firefox`; or WEBSIDE_TARGET=firefox): the Firefox
// package in dist-firefox/ (README, "Firefox"). Anything else builds for Chrome exactly as before.
const isFirefox = (mode: string) => mode === 'firefox' || process.env.WEBSIDE_TARGET === 'firefox';

export default defineConfig(({ mode }) => {
  const firefox = isFirefox(mode);
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: [
      crx({
        manifest: (firefox ? toFirefoxManifest(manifest) : manifest) as Parameters<typeof crx>[0]['manifest'],
        ...(firefox ? { browser: 'firefox' as const } : {}),
        // The probe (MAIN world) and bridge must be plain self-contained scripts that run at
        // document_start: crxjs's loader-wrapped MAIN scripts break (crxjs issues #695, #1101) and a
        // loader makes extra chunks web-accessible (fingerprintable by any page).
        contentScripts: { standaloneFiles: ['src/probe/probe.ts', 'src/bridge/bridge.ts'] },
      }),
      visionAssets({ cacheDir: resolve(import.meta.dirname, '.cache/models') }),
      audioWorklet({
        entry: resolve(import.meta.dirname, 'src/bridge/audio-worklet.ts'),
        fileName: 'src/bridge/audio-worklet.js',
        target: firefox ? 'firefox128' : 'chrome116',
      }),
    ],
    worker: { format: 'es' },
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: firefox ? 'firefox128' : 'chrome116',
      sourcemap: false,
      rollupOptions: {
        // Pages not named in the manifest.
        input: { diagnostics: 'src/ui/diagnostics/diagnostics.html', coach: 'src/coach/coach.html', setup: 'src/ui/setup/setup.html' },
      },
    },
    test: {
      projects: [
        // Real-media unit tests take seconds; a loaded CI machine must not turn them into timeouts.
        { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
        {
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.test.ts'],
            globalSetup: ['tests/e2e/global-setup.ts'],
            environment: 'node',
            testTimeout: 120_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
