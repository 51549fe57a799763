import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../src/core/match-pattern';

describe('matchesPattern', () => {
  it.each([
    ['https://meet.google.com/*', 'https://meet.google.com/abc-defg-hij', true],
    ['https://meet.google.com/*', 'http://meet.google.com/abc', false],
    ['https://*.doxy.me/*', 'https://doxy.me/room', true],
    ['https://*.doxy.me/*', 'https://clinic.doxy.me/room', true],
    ['https://*.doxy.me/*', 'https://evildoxy.me/room', false],
    ['https://*.zoom.us/*', 'https://app.zoom.us/wc/123/join', true],
    ['http://localhost/*', 'http://localhost:5317/?autostart=1', true],
    ['http://localhost/*', 'https://localhost/', false],
    ['*://example.org/a*', 'https://example.org/abc', true],
    ['*://example.org/a*', 'https://example.org/b', false],
    ['<all_urls>', 'chrome://settings', false],
    ['not a pattern', 'https://x.org/', false],
    ['https://x.org/*', 'not a url', false],
  ])('%s vs %s -> %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });
});
