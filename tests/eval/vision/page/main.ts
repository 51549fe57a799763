// The evaluation page: starts the face worker and relays requests from playwright to it.
import type { AnalyseRequest, AnalyseResult, FromWorker, RenderRequest, ToWorker, VisionEvalApi } from './protocol';

const worker = new Worker(new URL('./eval-worker.ts', import.meta.url), { type: 'module', name: 'vision-eval' });
const pending = new Map<number, { resolve(value: AnalyseResult | string): void; reject(error: Error): void }>();
let nextId = 1;
let loaded: { resolve(ms: number): void; reject(error: Error): void };
const ready = new Promise<number>((resolve, reject) => (loaded = { resolve, reject }));

worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.type === 'ready') return loaded.resolve(message.loadMs);
  if (message.type === 'error' && message.id === null) return loaded.reject(new Error(message.message));
  const job = pending.get(message.id!);
  if (!job) return;
  pending.delete(message.id!);
  if (message.type === 'error') job.reject(new Error(message.message));
  else job.resolve(message.type === 'result' ? message.result : message.png);
});
worker.addEventListener('error', (event) => loaded.reject(new Error(`worker failed: ${event.message}`)));

function send<T extends AnalyseResult | string>(message: (id: number) => ToWorker): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: AnalyseResult | string) => void, reject });
    worker.postMessage(message(id));
  });
}

const params = new URLSearchParams(location.search);
worker.postMessage({
  type: 'init',
  wasmBase: params.get('wasm') ?? '/wasm',
  modelPath: params.get('model') ?? '/model.task',
} satisfies ToWorker);

const api: VisionEvalApi = {
  ready,
  async analyse(requests: AnalyseRequest[]) {
    const results: AnalyseResult[] = [];
    for (const request of requests) results.push(await send<AnalyseResult>((id) => ({ type: 'analyse', id, request })));
    return results;
  },
  render: (request: RenderRequest) => send<string>((id) => ({ type: 'render', id, request })),
};
window.visionEval = api;
