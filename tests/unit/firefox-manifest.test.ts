import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { FIREFOX_MIN_VERSION, GECKO_ID, toFirefoxManifest } from '../../src/build/firefox-manifest';

describe('the Firefox manifest', () => {
  const firefox = toFirefoxManifest(manifest) as Record<string, unknown> & typeof manifest;

  it('runs the background as module scripts, not a service worker', () => {
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' });
  });

  it('names the add-on and Firefox 128 (MAIN-world content scripts), and declares no data collection', () => {
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
    expect(FIREFOX_MIN_VERSION).toBe('128.0');
  });

  it('drops the Chrome-only keys and keeps everything else', () => {
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    for (const script of firefox.content_scripts) expect(script).not.toHaveProperty('match_origin_as_fallback');
    expect(firefox.content_scripts.map((s) => s.world ?? 'ISOLATED')).toEqual(['MAIN', 'ISOLATED']);
    expect(firefox.content_scripts.map((s) => s.matches)).toEqual(manifest.content_scripts.map((s) => s.matches));
    for (const key of [
      'permissions',
      'optional_host_permissions',
      'content_security_policy',
      'web_accessible_resources',
      'commands',
    ] as const)
      expect(firefox[key]).toEqual(manifest[key]);
  });

  it('leaves the Chrome manifest untouched', () => {
    const before = JSON.stringify(manifest);
    toFirefoxManifest(manifest);
    expect(JSON.stringify(manifest)).toBe(before);
  });

  it('refuses a manifest without a background service worker', () => {
    expect(() => toFirefoxManifest({ manifest_version: 3 })).toThrow(/service_worker/);
  });
});
