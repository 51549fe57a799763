// @ts-check
// Shared by the benchmark's modules: user-facing errors, progress, timeouts, rounding and the cleanups still owed.
/* global process, console, setTimeout, clearTimeout */

/** A failure with a message meant for the user (no stack trace). */
export class BenchError extends Error {}

/** @param {string} message */
export const say = (message) => console.error(`• ${message}`);

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what  "… did not happen within N s"
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new BenchError(`${what} did not happen within ${(ms / 1000).toFixed(0)} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** @param {number | null | undefined} x @param {number} [digits] */
export const round = (x, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** Cleanups still owed (browser, profile, server), run on error, on Ctrl+C and at the end. */
/** @type {Set<() => Promise<void>>} */
export const owed = new Set();
export async function payAll() {
  for (const cleanup of [...owed].reverse()) {
    owed.delete(cleanup);
    await cleanup().catch((err) => console.error(`! cleanup: ${err instanceof Error ? err.message : String(err)}`));
  }
}

/** On SIGINT/SIGTERM: pay the cleanups still owed, then exit 130. */
export function payAllOnSignals() {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      console.error(`\n✗ Interrupted (${signal}): cleaning up.`);
      void payAll().finally(() => process.exit(130));
    });
  }
}
