// WCAG AA on the overlay's colour tokens, read from overlay.css itself, light and dark: text >= 4.5:1,
// the status dot >= 3:1 (a non-text indicator, WCAG 1.4.11).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths';

const css = readFileSync(`${repoRoot}/src/coach/overlay.css`, 'utf8');

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]));
}
const light = tokens(css.slice(css.indexOf(':root'), css.indexOf('@media (prefers-color-scheme: dark)')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = tokens(css.slice(darkStart, css.indexOf('#overlay', darkStart)));

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('overlay colour contrast', () => {
  it('the contrast maths matches known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 1);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 1);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s scheme meets WCAG AA', (_scheme, t) => {
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['bg', 'fg', 'warn-fg', 'dot-off', 'dot-good', 'dot-warn', 'focus']));
    expect(contrast(t.fg!, t.bg!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['warn-fg']!, t.bg!)).toBeGreaterThanOrEqual(4.5);
    for (const dot of ['dot-off', 'dot-good', 'dot-warn', 'focus']) expect(contrast(t[dot]!, t.bg!)).toBeGreaterThanOrEqual(3);
  });

  it('the dark scheme really differs from the light one', () => {
    expect(dark.bg).not.toBe(light.bg);
    expect(luminance(dark.bg!)).toBeLessThan(luminance(light.bg!));
  });
});
