// Toolbar popup: what is live now, and the way to diagnostics. (The session summary and trends come
// with the sessions issue.)
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { useStore } from '../../shared/use-store';
import { CallSummary } from '../call-summary';
import { createDiagnosticsStore, type DiagnosticsView } from '../diagnostics-store';
import { SiteAccess } from './site-access';
import '../page.css';

const store = createDiagnosticsStore(new AbortController().signal);
const selectView = (view: DiagnosticsView) => view;

function openDiagnostics(event: Event) {
  event.preventDefault();
  void browser.tabs.create({ url: browser.runtime.getURL('src/ui/diagnostics/diagnostics.html') }).then(() => window.close());
}

function openPage(event: Event, path: string) {
  event.preventDefault();
  void browser.tabs.create({ url: browser.runtime.getURL(path) }).then(() => window.close());
}

function Popup() {
  const { state, error } = useStore(store, selectView);
  return (
    <div style={{ padding: '14px 16px' }}>
      <h1>Webside</h1>
      <p class="muted" style={{ margin: 0 }}>
        Private coaching, on this device only.
      </p>
      {error && (
        <p class="warn" role="alert">
          {error}
        </p>
      )}
      <h2>Now</h2>
      {state && state.calls.length === 0 && (
        <p class="muted">No call is live. Webside starts by itself when a call site turns on your camera.</p>
      )}
      {state?.calls.map((call) => (
        <CallSummary key={`${call.tabId}:${call.frameId}`} call={call} detailed={false} />
      ))}
      <SiteAccess />
      <p style={{ marginTop: '14px' }}>
        <a href="setup.html" id="setup-link" onClick={(e) => openPage(e, 'src/ui/setup/setup.html')} style={{ marginRight: '14px' }}>
          Check my setup
        </a>
        <a href="diagnostics.html" id="diagnostics-link" onClick={openDiagnostics}>
          Diagnostics
        </a>
      </p>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
