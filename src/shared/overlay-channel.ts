// The overlay MessagePort between the coach iframe and the bridge (the third port of the hello, see
// bridge/coach-frame.ts). The iframe cannot move itself: it asks the bridge to move or resize it, and
// the bridge tells it when it is hidden (screen sharing). Both ends validate what they receive.
// Also the per-site remembered position (storage.local `overlayPositions`).
import * as v from 'valibot';

const px = (max: number) => v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(max));
const delta = v.pipe(v.number(), v.finite(), v.minValue(-100_000), v.maxValue(100_000));

/** The largest overlay the bridge will make room for, CSS px. */
export const OVERLAY_MAX = { width: 360, height: 120 } as const;

/** coach -> bridge */
export const OverlayUpSchema = v.variant('type', [
  /** the size the overlay needs now (the pill plus room for its shadow) */
  v.object({ type: v.literal('overlay/size'), width: px(OVERLAY_MAX.width), height: px(OVERLAY_MAX.height) }),
  /** move by this much (arrow keys), CSS px, + = right / down */
  v.object({ type: v.literal('overlay/move'), dx: delta, dy: delta }),
  /**
   * a pointer drag: where the pointer is, in screen px. Absolute, not deltas: while the frame moves,
   * some pointer events reach the bridge's drag shield instead of the coach, and both speak in the
   * same screen coordinates.
   */
  v.object({ type: v.literal('overlay/drag'), start: v.boolean(), screenX: delta, screenY: delta }),
  /** the drag ended (or a key move): remember the position for this site */
  v.object({ type: v.literal('overlay/move-end') }),
]);
export type OverlayUp = v.InferOutput<typeof OverlayUpSchema>;

/** bridge -> coach */
export const OverlayDownSchema = v.variant('type', [
  /** the overlay is hidden from the page (e.g. while the therapist shares a screen): hold nudges back */
  v.object({ type: v.literal('overlay/hidden'), hidden: v.boolean() }),
]);
export type OverlayDown = v.InferOutput<typeof OverlayDownSchema>;

export const OVERLAY_POSITIONS_KEY = 'overlayPositions';
/** at most this many sites are remembered; the oldest entries go first */
export const OVERLAY_POSITIONS_MAX = 200;

/** Distance of the overlay's bottom-right corner from the viewport's bottom-right corner, CSS px. */
export const OverlayPositionSchema = v.object({ right: px(20_000), bottom: px(20_000), at: v.pipe(v.number(), v.finite()) });
export type OverlayPosition = v.InferOutput<typeof OverlayPositionSchema>;
export type OverlayPositions = Record<string, OverlayPosition>;

const hostname = v.pipe(v.string(), v.minLength(1), v.maxLength(253), v.regex(/^[a-z0-9.:[\]-]+$/i));

/** Positions from an untrusted stored value: each bad entry is dropped alone. */
export function readOverlayPositions(stored: unknown): OverlayPositions {
  const out: OverlayPositions = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [site, value] of Object.entries(stored)) {
    const position = v.safeParse(OverlayPositionSchema, value);
    if (v.is(hostname, site) && position.success) out[site] = position.output;
  }
  return out;
}

/** Positions with `site` set, trimmed to the newest OVERLAY_POSITIONS_MAX sites. */
export function withOverlayPosition(positions: OverlayPositions, site: string, position: OverlayPosition): OverlayPositions {
  const next = { ...positions, [site]: position };
  const sites = Object.keys(next);
  if (sites.length <= OVERLAY_POSITIONS_MAX) return next;
  sites.sort((a, b) => next[b]!.at - next[a]!.at);
  return Object.fromEntries(sites.slice(0, OVERLAY_POSITIONS_MAX).map((s) => [s, next[s]!]));
}
