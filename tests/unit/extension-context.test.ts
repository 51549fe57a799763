// An extension reloaded or updated under an open page orphans its content scripts and frames: their
// extension APIs vanish. The helpers that keep that from throwing into the page (issue 8).
import { afterEach, describe, expect, it, vi } from 'vitest';

// A runtime whose sendMessage behaves like an orphaned content script's: it throws at once.
const runtime: { sendMessage: (m: unknown) => Promise<unknown> } = { sendMessage: async () => ({ ok: true }) };
vi.mock('webextension-polyfill', () => ({ default: { runtime } }));

const { extensionAlive, quietly } = await import('../../src/shared/extension-context');
const { request } = await import('../../src/shared/messaging');

const g = globalThis as { chrome?: unknown };
afterEach(() => {
  delete g.chrome;
});

describe('extensionAlive', () => {
  it('is true while the runtime has an id, false once it is gone', () => {
    g.chrome = { runtime: { id: 'abcdefghijklmnop' } };
    expect(extensionAlive()).toBe(true);
    g.chrome = { runtime: { id: undefined } }; // orphaned: the id is gone
    expect(extensionAlive()).toBe(false);
    g.chrome = {}; // orphaned: the whole runtime is gone
    expect(extensionAlive()).toBe(false);
    delete g.chrome; // not an extension context at all
    expect(extensionAlive()).toBe(false);
  });

  it('is false, not a throw, when reading the runtime throws', () => {
    g.chrome = {
      get runtime(): never {
        throw new Error('Extension context invalidated.');
      },
    };
    expect(extensionAlive()).toBe(false);
  });
});

describe('quietly', () => {
  it('swallows a throw from a gone API and runs a live one', () => {
    expect(() =>
      quietly(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'onChanged')");
      }),
    ).not.toThrow();
    const call = vi.fn();
    quietly(call);
    expect(call).toHaveBeenCalledOnce();
  });
});

describe('request', () => {
  it('answers as sendMessage does while the extension is alive', async () => {
    await expect(request({ type: 'taps', taps: {} as never })).resolves.toEqual({ ok: true });
  });

  it('rejects, never throws, when sendMessage throws at once (the extension was reloaded)', async () => {
    const saved = runtime.sendMessage;
    runtime.sendMessage = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'sendMessage')");
    };
    try {
      let promise: Promise<unknown> | null = null;
      expect(() => (promise = request({ type: 'coach/open' }))).not.toThrow();
      await expect(promise).rejects.toThrow(/sendMessage/);
    } finally {
      runtime.sendMessage = saved;
    }
  });
});
