// The preact binding for a zustand vanilla store (STYLE.md: the core knows no UI framework; the
// binding is a thin layer, no preact/compat).
import { useEffect, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

export function useStore<S, T>(store: StoreApi<S>, select: (state: S) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    setValue(select(store.getState()));
    return store.subscribe((state) => setValue(() => select(state)));
  }, [store, select]);
  return value;
}
