// Messages between the bridge and its audio worklet (both ours, same extension build).
import type { Conversation } from '../shared/protocol';

export const AUDIO_PROCESSOR = 'webside-conversation';
/** Where the build puts the worklet (vite.config.ts) and the manifest makes it web-accessible. */
export const AUDIO_WORKLET_PATH = 'src/bridge/audio-worklet.js';

export type ToAudioWorklet = { type: 'delay'; oneWayMs: number } | { type: 'taps'; local: boolean; remote: boolean } | { type: 'stop' };

export type FromAudioWorklet = { type: 'summary'; summary: Conversation };
