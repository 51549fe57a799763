// Polls the service worker for the live pipeline state (1 Hz) into a zustand vanilla store.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { request } from '../shared/messaging';
import type { DiagnosticsState } from '../shared/protocol';

export interface DiagnosticsView {
  state: DiagnosticsState | null;
  error: string | null;
}

export function createDiagnosticsStore(signal: AbortSignal, everyMs = 1000): StoreApi<DiagnosticsView> {
  const store = createStore<DiagnosticsView>(() => ({ state: null, error: null }));
  const poll = () =>
    request({ type: 'diagnostics/get' })
      .then((state) => store.setState({ state, error: null }))
      .catch((error: unknown) => store.setState({ error: `Could not reach the extension: ${String(error)}` }));
  void poll();
  const timer = setInterval(poll, everyMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return store;
}
