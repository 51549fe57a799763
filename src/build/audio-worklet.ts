// Vite plugin: bundles the audio worklet (src/bridge/audio-worklet.ts and the core it imports) into one
// self-contained script at a fixed path, which the manifest makes web-accessible. A worklet module is
// fetched by the page's context from the extension's URL; blob:/data: modules are refused by strict page
// CSPs, and a chunked module would make more files web-accessible (fingerprintable).
import { build, type Plugin, type Rollup } from 'vite';

/** `target`: the esbuild target of the worklet's script (as the rest of the build), default chrome116. */
export function audioWorklet(options: { entry: string; fileName: string; target?: string }): Plugin {
  return {
    name: 'webside:audio-worklet',
    apply: 'build',
    async generateBundle() {
      const result = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          target: options.target ?? 'chrome116',
          minify: true,
          sourcemap: false,
          rollupOptions: { input: options.entry, output: { format: 'iife', inlineDynamicImports: true } },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk');
      if (!chunk) throw new Error(`audio worklet: building ${options.entry} produced no script`);
      this.emitFile({ type: 'asset', fileName: options.fileName, source: chunk.code });
    },
  };
}
