// Typed runtime requests: the answer's type follows from the request's type (protocol.ts).
import browser from 'webextension-polyfill';
import type { Request, ResponseMap } from './protocol';

export function request<T extends Request['type']>(message: Extract<Request, { type: T }>): Promise<ResponseMap[T]> {
  return browser.runtime.sendMessage(message) as Promise<ResponseMap[T]>;
}
