// Typed runtime requests: the answer's type follows from the request's type (protocol.ts).
import browser from 'webextension-polyfill';
import type { Request, ResponseMap } from './protocol';

/** Always a promise: once the extension is reloaded under a content script, sendMessage throws at once; that is a rejection here. */
export function request<T extends Request['type']>(message: Extract<Request, { type: T }>): Promise<ResponseMap[T]> {
  try {
    return browser.runtime.sendMessage(message) as Promise<ResponseMap[T]>;
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
