// Diagnostics: the live pipeline state for support — which calls are tapped, analysis rate and cost,
// face found, last error — with "copy as JSON". The same JSON is in <pre id="state"> for tests.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { useStore } from '../../shared/use-store';
import { CallSummary } from '../call-summary';
import { createDiagnosticsStore, type DiagnosticsView } from '../diagnostics-store';
import { ConversationCard } from './conversation-card';
import '../page.css';

const store = createDiagnosticsStore(new AbortController().signal);
const selectView = (view: DiagnosticsView) => view;

function Diagnostics() {
  const { state, error } = useStore(store, selectView);
  const [copied, setCopied] = useState(false);
  const json = JSON.stringify(state, null, 2);
  const copy = () =>
    navigator.clipboard.writeText(json).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div style={{ maxWidth: '760px', margin: '24px auto', padding: '0 16px' }}>
      <h1>Webside diagnostics</h1>
      <p class="muted">
        Live state of the on-device pipeline. Numbers only: no images or audio are ever kept. Share the JSON with support if something looks
        wrong.
      </p>
      {error && (
        <p class="warn" role="alert">
          {error}
        </p>
      )}
      <h2>Calls</h2>
      {state && state.calls.length === 0 && <p class="muted">No call is live in any tab.</p>}
      {state?.calls.map((call) => (
        <div key={`${call.tabId}:${call.frameId}`}>
          <CallSummary call={call} detailed />
          <ConversationCard call={call} />
        </div>
      ))}
      <h2>What happened</h2>
      {(state?.events ?? []).length === 0 ? (
        <p class="muted">Nothing yet.</p>
      ) : (
        <ul class="card events">
          {[...(state?.events ?? [])].reverse().map((event, i) => (
            <li key={`${event.at}:${i}`}>
              {new Date(event.at).toLocaleTimeString()} {event.tabId !== null && `· tab ${event.tabId} `}· {event.what}
            </li>
          ))}
        </ul>
      )}
      <h2>Extension</h2>
      <dl class="card">
        <dt>Version</dt>
        <dd>{state?.extensionVersion ?? '–'}</dd>
        <dt>Last error</dt>
        <dd>{state?.lastError ?? 'none'}</dd>
      </dl>
      <h2>
        State as JSON{' '}
        <button type="button" onClick={copy} style={{ marginLeft: '8px', textTransform: 'none' }}>
          {copied ? 'Copied' : 'Copy as JSON'}
        </button>
      </h2>
      <pre id="state">{json}</pre>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Diagnostics />, root);
