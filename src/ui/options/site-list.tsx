// Per-site enable: the built-in call sites, the sites the therapist turned on (optional host
// permissions, asked for on demand in the click), and a field to add one. Uses the same
// registerSite / unregisterSite as the popup's "Turn on for this site".
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { enabledOrigins, registerSite, unregisterSite } from '../../shared/site-scripts';

function originOf(input: string): string | null {
  try {
    const url = new URL(/^https?:\/\//.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
    return /^https?:$/.test(url.protocol) && url.hostname.includes('.') ? url.origin : null;
  } catch {
    return null;
  }
}

export function SiteList() {
  const builtin = [...new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((cs) => cs.matches ?? []))];
  const [enabled, setEnabled] = useState<string[]>([]);
  const [input, setInput] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const refresh = () => enabledOrigins().then(setEnabled, (e: unknown) => setNote(String(e)));
  useEffect(() => void refresh(), []);

  const add = async (event: Event) => {
    event.preventDefault();
    const origin = originOf(input);
    if (!origin) return setNote('That is not a web address (for example https://telehealth.example.org).');
    // permissions.request must run in the click's user gesture: call it first.
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
    if (!granted) return setNote('Permission not given: Webside stays off on that site.');
    await registerSite(origin);
    setInput('');
    setNote(`On for ${new URL(origin).host}. Reload the call page to start.`);
    await refresh();
  };
  const remove = async (origin: string) => {
    await unregisterSite(origin);
    await browser.permissions.remove({ origins: [`${origin}/*`] });
    setNote(`Off for ${new URL(origin).host}.`);
    await refresh();
  };

  return (
    <div>
      <p class="muted small">Always on: {builtin.map((p) => p.replace(/^https?:\/\//, '').replace(/\/\*$/, '')).join(', ')}.</p>
      <ul class="plain" id="enabled-sites">
        {enabled.length === 0 && <li class="muted">No other site turned on.</li>}
        {enabled.map((origin) => (
          <li key={origin}>
            {new URL(origin).host}{' '}
            <button type="button" onClick={() => void remove(origin)}>
              Turn off
            </button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={(e) => void add(e)}>
        <input
          type="text"
          id="site-input"
          placeholder="telehealth.example.org"
          value={input}
          onInput={(e) => setInput(e.currentTarget.value)}
          aria-label="Site to turn on"
        />
        <button type="submit">Turn on</button>
      </form>
      {note && (
        <p class="muted" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
