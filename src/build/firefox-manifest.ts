// The Firefox flavour of manifest.json (`npm run build:firefox`, WEBSIDE_TARGET=firefox). Pure: the
// Chrome manifest in, a new object out (the Chrome build never sees this). What changes, and why:
//   background        Firefox MV3 runs background *scripts* (an event page), not a service worker;
//                     crxjs (browser: 'firefox') then points `scripts` at its loader.
//   gecko id          Firefox needs an add-on id for storage and for permanent installs; 128 is the
//                     first release with MAIN-world content scripts (DESIGN.md, "Firefox").
//   minimum_chrome_version, match_origin_as_fallback
//                     Chrome-only keys that Firefox ignores and `web-ext lint` reports. Without
//                     match_origin_as_fallback Firefox does not run the scripts in about:blank /
//                     blob: frames a call page may create; such frames are rare in call apps.
//   use_dynamic_url   dropped by crxjs itself for Firefox (Firefox already gives each install a
//                     random moz-extension:// UUID, so the coach's URL is not guessable across installs).

export const GECKO_ID = 'webside@webside.app';
export const FIREFOX_MIN_VERSION = '128.0';

type Json = Record<string, unknown>;

/** The manifest for Firefox. @throws Error when the Chrome manifest has no background service worker */
export function toFirefoxManifest<M extends object>(chrome: M): M {
  const source = structuredClone(chrome) as unknown as Json;
  const background = source.background as { service_worker?: unknown; type?: unknown } | undefined;
  if (!background || typeof background.service_worker !== 'string') throw new Error('manifest.json: expected background.service_worker');
  const { minimum_chrome_version: _minimumChrome, ...rest } = source;
  const out: Json = {
    ...rest,
    background: { scripts: [background.service_worker], type: background.type ?? 'module' },
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    },
  };
  if (Array.isArray(out.content_scripts)) {
    out.content_scripts = (out.content_scripts as Json[]).map((script) => {
      const { match_origin_as_fallback: _fallback, ...kept } = script;
      return kept;
    });
  }
  return out as unknown as M;
}
