// Wires the conversation signals of one page: the audio tap (worklet), the connection numbers the probe
// sends for each peer connection, and the coach's audio port, which gets one summary a second with the
// connection folded in. Everything hangs off the page's lifetime signal.
import { ConnectionBoard } from '../core/connection/connection-board';
import type { ProbeMessage } from '../shared/page-channel';
import type { Conversation } from '../shared/protocol';
import { startAudioTap } from './audio-tap';

type ConnectionMessage = Extract<ProbeMessage, { type: 'connection' }>;

export interface AudioLink {
  tracks(local: MediaStreamTrack | null, remote: readonly MediaStreamTrack[]): void;
  connection(message: ConnectionMessage): void;
}

export function startAudioLink(coachPort: () => MessagePort | null, signal: AbortSignal): AudioLink {
  const board = new ConnectionBoard();
  const forward = (summary: Conversation) => {
    const port = coachPort();
    if (!port) return;
    const connection = board.summary(Date.now());
    try {
      port.postMessage({ ...summary, connection } satisfies Conversation);
    } catch {
      // the coach went away; the bridge reopens it
    }
  };
  const tap = startAudioTap(forward, signal);
  let lastDelay = Number.NaN;
  return {
    tracks: (local, remote) => tap.update(local, remote),
    connection(message) {
      board.update(message.pc, { rttMs: message.rttMs, jitterMs: message.jitterMs, lossPct: message.lossPct }, Date.now());
      const rtt = board.summary(Date.now())?.rttMs ?? null;
      // The client hears us half a round trip late; whole ms are enough and spare the worklet a message a pc.
      const oneWay = rtt === null ? Number.NaN : Math.round(rtt / 2);
      if (oneWay !== lastDelay && Number.isFinite(oneWay)) tap.setOneWayDelay(oneWay);
      lastDelay = oneWay;
    },
  };
}
