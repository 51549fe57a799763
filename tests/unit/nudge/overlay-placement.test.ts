import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import {
  OVERLAY_POSITIONS_MAX,
  OverlayDownSchema,
  OverlayUpSchema,
  readOverlayPositions,
  withOverlayPosition,
} from '../../../src/shared/overlay-channel';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { clampPlacement, DEFAULT_PLACEMENT } = await import('../../../src/bridge/overlay-placement');

describe('overlay placement', () => {
  const viewport = { width: 1280, height: 720 };
  const size = { width: 200, height: 50 };

  it('keeps the overlay inside the viewport, whatever it is asked', () => {
    expect(clampPlacement(DEFAULT_PLACEMENT, size, viewport)).toEqual(DEFAULT_PLACEMENT);
    expect(clampPlacement({ right: -500, bottom: -20 }, size, viewport)).toEqual({ right: 4, bottom: 4 });
    expect(clampPlacement({ right: 5000, bottom: 5000 }, size, viewport)).toEqual({ right: 1280 - 200 - 4, bottom: 720 - 50 - 4 });
    // a viewport smaller than the overlay: pinned to the bottom-right edge margin
    expect(clampPlacement({ right: 300, bottom: 300 }, size, { width: 150, height: 40 })).toEqual({ right: 4, bottom: 4 });
  });

  it('by default sits above a typical 56-80 px control bar, in the bottom-right corner', () => {
    expect(DEFAULT_PLACEMENT.bottom).toBeGreaterThan(80);
    expect(DEFAULT_PLACEMENT.right).toBeLessThan(40);
  });
});

describe('overlay channel', () => {
  it('accepts well-formed messages and refuses the rest', () => {
    expect(v.is(OverlayUpSchema, { type: 'overlay/move', dx: 3, dy: -4 })).toBe(true);
    expect(v.is(OverlayUpSchema, { type: 'overlay/size', width: 120, height: 40 })).toBe(true);
    expect(v.is(OverlayUpSchema, { type: 'overlay/move-end' })).toBe(true);
    expect(v.is(OverlayUpSchema, { type: 'overlay/size', width: 5000, height: 40 })).toBe(false);
    expect(v.is(OverlayUpSchema, { type: 'overlay/move', dx: Number.NaN, dy: 0 })).toBe(false);
    expect(v.is(OverlayUpSchema, { type: 'overlay/move', dx: '3', dy: 0 })).toBe(false);
    expect(v.is(OverlayDownSchema, { type: 'overlay/hidden', hidden: true })).toBe(true);
    expect(v.is(OverlayDownSchema, { type: 'overlay/hidden', hidden: 'yes' })).toBe(false);
  });

  it('reads stored positions entry by entry, dropping bad ones', () => {
    const stored = {
      'meet.google.com': { right: 20, bottom: 100, at: 1 },
      'bad host/with path': { right: 20, bottom: 100, at: 1 },
      'zoom.us': { right: -1, bottom: 100, at: 1 },
      localhost: { right: 30, bottom: 'x', at: 1 },
      '127.0.0.1': { right: 30, bottom: 40, at: 2, extra: true },
    };
    expect(readOverlayPositions(stored)).toEqual({
      'meet.google.com': { right: 20, bottom: 100, at: 1 },
      '127.0.0.1': { right: 30, bottom: 40, at: 2 },
    });
    expect(readOverlayPositions(null)).toEqual({});
    expect(readOverlayPositions([1, 2])).toEqual({});
  });

  it('remembers at most OVERLAY_POSITIONS_MAX sites, dropping the oldest', () => {
    let positions = {};
    for (let i = 0; i < OVERLAY_POSITIONS_MAX + 5; i++)
      positions = withOverlayPosition(positions, `site${i}.example`, { right: i, bottom: i, at: i });
    expect(Object.keys(positions)).toHaveLength(OVERLAY_POSITIONS_MAX);
    expect(positions).not.toHaveProperty('site0.example');
    expect(positions).toHaveProperty(`site${OVERLAY_POSITIONS_MAX + 4}.example`);
  });
});
