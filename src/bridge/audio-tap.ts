// The bridge's side of the audio worklet: one AudioContext that only listens. The therapist's mic goes to
// input 0, every remote audio track to input 1 (summed); the node has no output and nothing is connected
// to the destination, so the page hears exactly what it heard before. Any failure (no AudioWorklet, a
// refused module, a closed context) leaves the tap off, silently: the call goes on.
// Measured (Chromium 156): MediaStreamTrackProcessor on audio costs more, and tracks cannot be transferred
// to the coach iframe (DataCloneError), so the worklet lives here, in the isolated world's context.
import browser from 'webextension-polyfill';
import type { Conversation } from '../shared/protocol';
import { AUDIO_PROCESSOR, AUDIO_WORKLET_PATH, type FromAudioWorklet, type ToAudioWorklet } from './audio-protocol';

export interface AudioTap {
  /** The tracks to listen to now; the tap starts on the first call with any track. */
  update(local: MediaStreamTrack | null, remote: readonly MediaStreamTrack[]): void;
  /** One-way network delay, ms (RTT / 2), for the network-corrected latencies. */
  setOneWayDelay(ms: number): void;
}

export function startAudioTap(onSummary: (summary: Conversation) => void, signal: AbortSignal): AudioTap {
  let node: Promise<AudioWorkletNode | null> | null = null;
  let context: AudioContext | null = null;
  const sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();
  let oneWayMs: number | null = null;

  const post = (n: AudioWorkletNode, message: ToAudioWorklet) => {
    try {
      n.port.postMessage(message);
    } catch {
      // closed
    }
  };

  const open = (): Promise<AudioWorkletNode | null> => {
    // 'playback': the largest buffers, so the audio thread wakes least often; we add no latency to the page.
    const ctx = new AudioContext({ latencyHint: 'playback' });
    context = ctx;
    signal.addEventListener(
      'abort',
      () => {
        for (const source of sources.values()) source.disconnect();
        sources.clear();
        void ctx.close().catch(() => {});
      },
      { once: true },
    );
    // Started without a user gesture, the context may wait for one (autoplay policy).
    const resume = () => void ctx.resume().catch(() => {});
    if (ctx.state === 'suspended') {
      resume();
      for (const type of ['pointerdown', 'keydown'])
        window.addEventListener(type, resume, { capture: true, once: true, passive: true, signal });
    }
    return ctx.audioWorklet.addModule(browser.runtime.getURL(AUDIO_WORKLET_PATH)).then(() => {
      if (signal.aborted) return null;
      const worklet = new AudioWorkletNode(ctx, AUDIO_PROCESSOR, {
        numberOfInputs: 2,
        numberOfOutputs: 0,
        channelCount: 1,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
      });
      worklet.port.onmessage = (event: MessageEvent<FromAudioWorklet>) => {
        if (event.data?.type === 'summary') onSummary(event.data.summary);
      };
      if (oneWayMs !== null) post(worklet, { type: 'delay', oneWayMs });
      signal.addEventListener('abort', () => post(worklet, { type: 'stop' }), { once: true });
      return worklet;
    });
  };

  const connect = (ctx: AudioContext, worklet: AudioWorkletNode, local: MediaStreamTrack | null, remote: readonly MediaStreamTrack[]) => {
    const wanted = new Map<MediaStreamTrack, number>();
    if (local) wanted.set(local, 0);
    for (const track of remote) if (!wanted.has(track)) wanted.set(track, 1);
    for (const [track, source] of sources) {
      if (wanted.has(track)) continue;
      source.disconnect();
      sources.delete(track);
    }
    for (const [track, input] of wanted) {
      if (sources.has(track) || track.readyState !== 'live') continue;
      const source = ctx.createMediaStreamSource(new MediaStream([track]));
      source.connect(worklet, 0, input);
      sources.set(track, source);
    }
    post(worklet, { type: 'taps', local: local !== null, remote: remote.length > 0 });
  };

  return {
    update(local, remote) {
      if (signal.aborted || (!node && !local && remote.length === 0)) return;
      try {
        node ??= open().catch(() => null);
      } catch {
        node = Promise.resolve(null); // no AudioContext / AudioWorklet here
      }
      node
        .then((worklet) => {
          if (worklet && context && !signal.aborted) connect(context, worklet, local, remote);
        })
        .catch(() => {});
    },
    setOneWayDelay(ms) {
      oneWayMs = ms;
      void node?.then((worklet) => worklet && post(worklet, { type: 'delay', oneWayMs: ms }));
    },
  };
}
