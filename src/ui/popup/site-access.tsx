// "Turn on for this site": Webside runs by itself on the common call sites; any other site (a
// clinic's own telehealth page) is enabled on demand with an optional host permission, asked for
// only when the therapist clicks.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { matchesPattern } from '../../core/match-pattern';
import { enabledOrigins, registerSite, unregisterSite } from '../../shared/site-scripts';

type Access =
  { kind: 'none' } | { kind: 'builtin' | 'enabled' | 'available'; origin: string; host: string } | { kind: 'error'; message: string };

async function currentAccess(): Promise<Access> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url;
  if (!url || !/^https?:/.test(url)) return { kind: 'none' };
  const { origin, hostname: host } = new URL(url);
  const builtin = (browser.runtime.getManifest().content_scripts ?? []).some((cs) =>
    (cs.matches ?? []).some((p) => matchesPattern(p, url)),
  );
  if (builtin) return { kind: 'builtin', origin, host };
  return { kind: (await enabledOrigins()).includes(origin) ? 'enabled' : 'available', origin, host };
}

export function SiteAccess() {
  const [access, setAccess] = useState<Access>({ kind: 'none' });
  const [note, setNote] = useState<string | null>(null);
  const refresh = () => currentAccess().then(setAccess, (e: unknown) => setAccess({ kind: 'error', message: String(e) }));
  useEffect(() => void refresh(), []);

  const enable = async (origin: string) => {
    // permissions.request must run in the click's user gesture: call it first.
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) return setNote('Permission not given: Webside stays off on this site.');
    await registerSite(origin);
    setNote('On. Reload the call page (or rejoin the call) to start.');
    await refresh();
  };
  const disable = async (origin: string) => {
    await unregisterSite(origin);
    await browser.permissions.remove({ origins: [`${origin}/*`] });
    setNote('Off for this site.');
    await refresh();
  };

  if (access.kind === 'none') return null;
  if (access.kind === 'error') return <p class="warn">{access.message}</p>;
  return (
    <div class="card" id="site-access">
      {access.kind === 'builtin' && (
        <span>
          On for <strong>{access.host}</strong> (a supported call site).
        </span>
      )}
      {access.kind === 'enabled' && (
        <span>
          On for <strong>{access.host}</strong> (you turned it on).{' '}
          <button type="button" onClick={() => void disable(access.origin)}>
            Turn off
          </button>
        </span>
      )}
      {access.kind === 'available' && (
        <span>
          Off for <strong>{access.host}</strong>.{' '}
          <button type="button" onClick={() => void enable(access.origin)}>
            Turn on for this site
          </button>
        </span>
      )}
      {note && (
        <p class="muted" role="status" style={{ margin: '8px 0 0' }}>
          {note}
        </p>
      )}
    </div>
  );
}
