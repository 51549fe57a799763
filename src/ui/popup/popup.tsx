// Toolbar popup: Now (live calls with snooze/quiet, and the last session's presence summary),
// Trends (sparklines over the last sessions) and Sessions (list, delete, export). Diagnostics, the
// options page and "turn on for this site" stay one click away.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { useStore } from '../../shared/use-store';
import { createDiagnosticsStore, type DiagnosticsView } from '../diagnostics-store';
import { createSessionsStore, type SessionsView } from '../sessions-store';
import { LiveStatus } from './live-status';
import { MuteControls } from './mute-controls';
import { PresenceSummary } from './presence-summary';
import { SessionsTab } from './sessions-tab';
import { SiteAccess } from './site-access';
import { TrendsTab } from './trends-tab';
import { VideoTime } from './video-time';
import '../page.css';
import './popup.css';

const lifetime = new AbortController().signal;
const diagnostics = createDiagnosticsStore(lifetime);
const sessions = createSessionsStore(lifetime);
const selectDiagnostics = (view: DiagnosticsView) => view;
const selectSessions = (view: SessionsView) => view;

const TABS = ['now', 'trends', 'sessions'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = { now: 'Now', trends: 'Trends', sessions: 'Sessions' };

function openPage(path: string) {
  return (event: Event) => {
    event.preventDefault();
    void browser.tabs.create({ url: browser.runtime.getURL(path) }).then(() => window.close());
  };
}

function NowTab({ view, sessionsView }: { view: DiagnosticsView; sessionsView: SessionsView }) {
  const calls = view.state?.calls ?? [];
  const liveTabs = [...new Set(calls.filter((c) => c.taps.localVideo || c.taps.localAudio).map((c) => c.tabId))];
  const last = sessionsView.records?.at(-1) ?? null;
  return (
    <div>
      {view.state && calls.length === 0 && (
        <p class="muted">No call is live. Webside starts by itself when a call site turns on your camera.</p>
      )}
      {calls.map((call) => (
        <LiveStatus key={`${call.tabId}:${call.frameId}`} call={call} />
      ))}
      <MuteControls mute={sessionsView.mute} liveTabs={liveTabs} onChange={() => void sessions.refresh()} />
      <SiteAccess />
      {sessionsView.records && <VideoTime records={sessionsView.records} breakReminders={sessionsView.settings.breakReminders} />}
      <h2>{last && sessionsView.liveIds.includes(last.id) ? 'This session so far' : 'Last session'}</h2>
      {sessionsView.records === null ? (
        <p class="muted">Loading…</p>
      ) : last ? (
        <PresenceSummary
          record={last}
          settings={sessionsView.settings}
          live={sessionsView.liveIds.includes(last.id)}
          onChange={() => void sessions.refresh()}
        />
      ) : (
        <p class="muted" id="no-sessions">
          No session yet. After your first call, its summary appears here.
        </p>
      )}
    </div>
  );
}

function Popup() {
  const view = useStore(diagnostics, selectDiagnostics);
  const sessionsView = useStore(sessions, selectSessions);
  const [tab, setTab] = useState<Tab>('now');
  const error = view.error ?? sessionsView.error;
  return (
    <div class="popup">
      <header class="popup-head">
        <div>
          <h1>Webside</h1>
          <p class="muted small" style={{ margin: 0 }}>
            Private coaching, on this device only.
          </p>
        </div>
      </header>
      <nav class="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </nav>
      {error && (
        <p class="warn" role="alert">
          {error}
        </p>
      )}
      <div role="tabpanel" data-tab={tab}>
        {tab === 'now' && <NowTab view={view} sessionsView={sessionsView} />}
        {tab === 'trends' && <TrendsTab records={sessionsView.records ?? []} settings={sessionsView.settings} />}
        {tab === 'sessions' && (
          <SessionsTab
            records={sessionsView.records ?? []}
            settings={sessionsView.settings}
            liveIds={sessionsView.liveIds}
            onChange={() => void sessions.refresh()}
          />
        )}
      </div>
      <footer class="popup-foot">
        <a href="setup.html" id="setup-link" onClick={openPage('src/ui/setup/setup.html')}>
          Check my setup
        </a>
        <a href="diagnostics.html" id="diagnostics-link" onClick={openPage('src/ui/diagnostics/diagnostics.html')}>
          Diagnostics
        </a>
        <a href="options.html" id="options-link" onClick={openPage('src/ui/options/options.html')}>
          Settings
        </a>
      </footer>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
