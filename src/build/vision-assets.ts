// Vite plugin: packages the face model and MediaPipe's wasm into the extension at fixed paths, so the
// coach loads them from its own origin (no CDN, no network). Paths are shared with the worker through
// src/shared/asset-paths.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { MEDIAPIPE_WASM_DIR, MEDIAPIPE_WASM_FILES, MODEL_PATH } from '../shared/asset-paths';
import { provideFaceModel } from './face-model';

export function visionAssets(options: { cacheDir: string }): Plugin {
  let model: Uint8Array | undefined;
  return {
    name: 'webside:vision-assets',
    apply: 'build',
    async buildStart() {
      // Fails the build before anything is bundled, with a message naming the variable and URL.
      model = await provideFaceModel(process.env, options.cacheDir);
    },
    generateBundle() {
      if (!model) throw new Error('face model was not provisioned');
      this.emitFile({ type: 'asset', fileName: MODEL_PATH, source: model });
      const require = createRequire(import.meta.url);
      // The package's exports map hides package.json; resolve its main entry and look beside it.
      const wasmDir = join(dirname(require.resolve('@mediapipe/tasks-vision')), 'wasm');
      for (const file of MEDIAPIPE_WASM_FILES) {
        this.emitFile({ type: 'asset', fileName: `${MEDIAPIPE_WASM_DIR}/${file}`, source: readFileSync(join(wasmDir, file)) });
      }
    },
  };
}
