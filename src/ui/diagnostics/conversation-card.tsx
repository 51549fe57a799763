// The conversation signals of one call (issue 4): talk time, talk-overs by side, responses, voice,
// connection, and what the audio thread costs. Says which audio taps are live and what is unavailable,
// never guessing: with no remote track there is no client side at all.
import type { Conversation, TabPipeline } from '../../shared/protocol';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const num = (x: number | null, unit: string, digits = 0) => (x === null ? '–' : `${x.toFixed(digits)} ${unit}`);
const overs = (c: Conversation['talkOvers']['therapist']) =>
  `${c.interruption} interruptions · ${c.interjection} interjections · ${c.backchannel} backchannels`;
const speaking = (x: boolean | null) => (x === null ? 'not tapped' : x ? 'speaking' : 'silent');

export function ConversationCard({ call }: { call: TabPipeline }) {
  const c = call.coach?.conversation ?? null;
  const { taps } = call;
  return (
    <div class="card" data-conversation={call.tabId}>
      <strong>Conversation</strong>
      <dl style={{ marginTop: '8px' }}>
        <dt>Audio taps</dt>
        <dd>
          your mic {taps.localAudio ? 'live' : 'none'} · client audio{' '}
          {taps.remoteAudio > 0 ? `${taps.remoteAudio} remote track(s)` : 'none'}
        </dd>
        {taps.remoteAudio === 0 && (
          <>
            <dt>Client side</dt>
            <dd class="warn">
              unknown: this page has no remote audio track (the Zoom web client, for one, decodes audio itself), and a tap of the page's
              audio output is not available yet
            </dd>
          </>
        )}
        {!c ? (
          <>
            <dt>Signals</dt>
            <dd class="muted">none yet (the coach reports once a second while audio is tapped)</dd>
          </>
        ) : (
          <>
            <dt>Now</dt>
            <dd>
              you {speaking(c.therapistSpeaking)} · client {speaking(c.clientSpeaking)}
              {c.clientTurnMs > 0 && ` (client's turn ${s(c.clientTurnMs)})`}
            </dd>
            <dt>Talk</dt>
            <dd>
              you {s(c.talkMs.therapist)} (longest {s(c.longestMs.therapist)}) · client {s(c.talkMs.client)} (longest{' '}
              {s(c.longestMs.client)})
            </dd>
            <dt>You talked over</dt>
            <dd>{overs(c.talkOvers.therapist)}</dd>
            <dt>Client talked over</dt>
            <dd>{overs(c.talkOvers.client)}</dd>
            <dt>As the client hears it</dt>
            <dd>{c.perceivedOverlaps} overlaps</dd>
            <dt>Responses</dt>
            <dd>
              {c.responses}
              {c.recentResponses.length > 0 &&
                ` · recent gaps ${c.recentResponses.map((r) => `${r.rawMs}${r.correctedMs === null ? '' : `/${r.correctedMs}`}`).join(', ')} ms (here/client)`}
            </dd>
            <dt>Voice</dt>
            <dd>
              {num(c.voice.rateSps, 'syllables/s', 1)} · pitch variation {num(c.voice.pitchVarSt, 'semitones', 1)} · level{' '}
              {c.voice.level.replace('-', ' ')}
            </dd>
            <dt>Connection</dt>
            <dd class={c.connection?.degraded ? 'warn' : undefined}>
              {c.connection
                ? `RTT ${num(c.connection.rttMs, 'ms')} · jitter ${num(c.connection.jitterMs, 'ms', 1)} · loss ${num(c.connection.lossPct, '%', 1)}${c.connection.degraded ? ' · degraded' : ''}`
                : 'no numbers (no peer connection seen)'}
            </dd>
            <dt>Audio thread</dt>
            <dd>
              {c.processMsPerS === null ? '–' : `${c.processMsPerS.toFixed(1)} ms/s (${(c.processMsPerS / 10).toFixed(2)} % of a core)`}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
