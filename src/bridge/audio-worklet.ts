// The audio thread: one AudioWorkletProcessor runs the whole conversation core on both sides of the call.
// Input 0 = the therapist's mic, input 1 = the client's remote tracks (Web Audio sums every source
// connected to it; the node downmixes each input to mono). It has no output and plays nothing.
// Messages in (from the bridge): {type:'delay', oneWayMs} and {type:'stop'}; out: {type:'summary', ...}
// about once a second, nothing per block. Built as a standalone IIFE at src/bridge/audio-worklet.js
// (vite.config.ts) and loaded from the extension's URL: blob:/data: modules are refused by strict page CSPs.
import { Conversation } from '../core/audio/conversation';
import { VoiceFeatures } from '../core/audio/voice-features';
import { ConversationTally } from './audio-summary';
import { AUDIO_PROCESSOR, type FromAudioWorklet, type ToAudioWorklet } from './audio-protocol';

// The AudioWorkletGlobalScope (not in TypeScript's DOM lib).
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

// No performance.now() in worklets yet (WebAudio/web-audio-api#2413; TODO [2027-06-01]: recheck Chrome);
// Date.now()'s 1 ms steps average out over the thousands of blocks in a second.
const clock: () => number = typeof globalThis.performance?.now === 'function' ? () => globalThis.performance.now() : Date.now;
const SUMMARY_EVERY_S = 1;

class ConversationProcessor extends AudioWorkletProcessor {
  private readonly tally = new ConversationTally();
  private readonly voice = new VoiceFeatures();
  private readonly conversation: Conversation;
  private silence = new Float32Array(128);
  private samples = 0;
  private nextSummary = sampleRate * SUMMARY_EVERY_S;
  private costMs = 0;
  private costSamples = 0;
  private delayKnown = false;
  private taps = { local: false, remote: false };
  private stopped = false;

  constructor() {
    super();
    const { tally, voice } = this;
    this.conversation = new Conversation(sampleRate, {
      speech: (side, event) => tally.speech(side, event),
      turn: (event) => tally.turn(event),
      localFrame: (frame, features, speaking) => voice.update(frame, features, speaking),
    });
    this.port.onmessage = (event: MessageEvent<ToAudioWorklet>) => {
      const message = event.data;
      if (message.type === 'delay') {
        this.conversation.setOneWayDelay(message.oneWayMs);
        this.delayKnown = message.oneWayMs >= 0;
      } else if (message.type === 'taps') this.taps = { local: message.local, remote: message.remote };
      else if (message.type === 'stop') this.stopped = true;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const started = clock();
    let local = inputs[0]?.[0];
    let remote = inputs[1]?.[0];
    const length = local?.length ?? remote?.length ?? 128;
    if (this.silence.length !== length) this.silence = new Float32Array(length); // block size changed: rare
    local ??= this.silence;
    remote ??= this.silence;
    try {
      this.conversation.process(local, remote, (this.samples * 1000) / sampleRate);
    } catch {
      this.stopped = true; // never take the page's audio down with us
      return false;
    }
    this.samples += length;
    this.costMs += clock() - started;
    this.costSamples += length;
    if (this.samples >= this.nextSummary) this.report();
    return true;
  }

  private report(): void {
    this.nextSummary += sampleRate * SUMMARY_EVERY_S;
    const processMsPerS = this.costSamples > 0 ? (this.costMs * sampleRate) / this.costSamples : null;
    this.costMs = 0;
    this.costSamples = 0;
    const summary = this.tally.summary(this.conversation, this.voice, {
      nowMs: (this.samples * 1000) / sampleRate,
      localTapped: this.taps.local,
      remoteTapped: this.taps.remote,
      delayKnown: this.delayKnown,
      processMsPerS,
    });
    this.port.postMessage({ type: 'summary', summary } satisfies FromAudioWorklet);
  }
}

registerProcessor(AUDIO_PROCESSOR, ConversationProcessor);
