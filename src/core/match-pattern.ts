// Chrome extension match patterns (scheme://host/path with * wildcards), for deciding in the popup
// whether a site is already covered by the manifest. Pure string logic.
// Reference: https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function matchesPattern(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file|ftp):/.test(url);
  const m = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const urlScheme = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : scheme !== urlScheme) return false;
  // A pattern host has no port; it matches the URL's host on any port.
  const urlHost = parsed.hostname;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (urlHost !== base && !urlHost.endsWith(`.${base}`)) return false;
    } else if (host !== urlHost) return false;
  }
  const pathRe = new RegExp(`^${path.split('*').map(escape).join('.*')}$`);
  return pathRe.test(parsed.pathname + parsed.search);
}
