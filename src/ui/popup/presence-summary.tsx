// The presence summary of one session: eye contact against the therapist's target, lighting and
// framing time-in-good with the main issue named, talk ratio and talk-overs by who, response latency
// raw and network-corrected, longest monologue, connection, 1-2 suggestions and the timeline.
import { SelfRating } from './self-rating';
import type { SessionRecord } from '../../core/session/record';
import { issueLabel, summarize, type StateShare } from '../../core/session/summary';
import { talkRatioBand, type Settings } from '../../shared/settings';
import { durationText, msText, pctText, whenText } from '../format';
import { TimelineChart } from './timeline-chart';

function share(s: StateShare): string {
  if (s.goodPct === null) return 'unknown';
  return s.mainIssue ? `${s.goodPct}% good · mostly ${issueLabel(s.mainIssue.state)}` : `${s.goodPct}% good`;
}

export function PresenceSummary({
  record,
  settings,
  live,
  onChange = () => {},
}: {
  record: SessionRecord;
  settings: Settings;
  live: boolean;
  onChange?: () => void;
}) {
  const end = record.endedAt ?? record.lastSeenAt;
  const band = talkRatioBand(settings);
  const s = summarize(record.aggregates, end - record.startedAt, { eyeContactTargetPct: settings.eyeContactTargetPct, talkBand: band });
  const eyeClass = s.eyeContactPct === null ? '' : s.eyeContactPct >= s.eyeContactTargetPct ? 'good' : 'warn';
  const talkClass = s.talkRatioPct === null ? '' : s.talkRatioPct >= band.min && s.talkRatioPct <= band.max ? 'good' : 'warn';
  return (
    <section class="panel summary" data-session={record.id}>
      <div class="summary-head">
        <strong>{record.site || 'call'}</strong>
        <span class="muted">
          {whenText(record.startedAt)} · {durationText(end - record.startedAt)}
          {live && ' · live'}
        </span>
      </div>
      <dl>
        <dt>Eye contact</dt>
        <dd class={eyeClass} data-metric="eye-contact">
          {pctText(s.eyeContactPct)} <span class="muted">(target {s.eyeContactTargetPct}%)</span>
        </dd>
        <dt>Lighting</dt>
        <dd data-metric="lighting">{share(s.lighting)}</dd>
        <dt>Framing</dt>
        <dd data-metric="framing">{share(s.framing)}</dd>
        <dt>Talk ratio</dt>
        <dd class={talkClass} data-metric="talk-ratio">
          {s.talkRatioPct === null ? 'unknown' : `you ${s.talkRatioPct}%`}{' '}
          <span class="muted">
            (band {band.min}–{band.max}%)
          </span>
        </dd>
        <dt>Talk-overs</dt>
        <dd data-metric="talk-overs">
          {s.talkOvers ? `you ${s.talkOvers.therapist.interruptions} · client ${s.talkOvers.client.interruptions}` : 'unknown'}
          {s.talkOvers && (
            <span class="muted"> (+{s.talkOvers.therapist.backchannels + s.talkOvers.client.backchannels} “mm-hm”s, not counted)</span>
          )}
        </dd>
        <dt>Response</dt>
        <dd data-metric="latency">
          {s.latency && s.latency.responses > 0
            ? `${msText(s.latency.rawMs)} here · ${s.latency.correctedMs === null ? 'unknown' : msText(s.latency.correctedMs)} for the client`
            : 'unknown'}
        </dd>
        <dt>Longest turn</dt>
        <dd data-metric="monologue">{s.longestMonologueMs === null ? 'unknown' : durationText(s.longestMonologueMs)}</dd>
        <dt>Connection</dt>
        <dd data-metric="connection">
          {s.connection
            ? `${s.connection.degradedPct > 0 ? `poor ${s.connection.degradedPct}% of the time` : 'good'} · ${msText(s.connection.rttMs)} round trip${s.connection.lossPct === null ? '' : ` · ${s.connection.lossPct}% loss`}`
            : 'unknown'}
        </dd>
      </dl>
      {s.suggestions.length > 0 && (
        <ul class="suggestions">
          {s.suggestions.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      <TimelineChart timeline={record.aggregates.timeline} />
      <SelfRating record={record} onChange={onChange} />
    </section>
  );
}
