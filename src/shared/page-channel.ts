// The probe (page's MAIN world) and the bridge (isolated world) share the DOM but no JS objects.
// The probe hands over a MediaStream on a detached <video> element (its srcObject) carried as the
// relatedTarget of a MouseEvent dispatched on window; the message itself is a JSON string in the
// element's dataset. Everything that arrives this way is untrusted: the page can forge it.
import * as v from 'valibot';

export const PAGE_EVENT = 'webside:probe';
export const PAGE_DATA_KEY = 'websideProbe';

const epochMs = v.pipe(v.number(), v.finite(), v.minValue(0));

export const ProbeMessageSchema = v.variant('type', [
  // A getUserMedia stream resolved; the element's srcObject is that stream. `at` = epoch ms.
  v.object({ type: v.literal('local-stream'), at: epochMs }),
  // A peer connection received a remote track; srcObject is a stream holding just that track.
  // `peer`: what that connection sends — 'ours' (a camera or mic), 'other' (only media the page made
  // itself, e.g. the far end of a loopback call in the same page), 'unknown' (nothing yet).
  v.object({
    type: v.literal('remote-track'),
    kind: v.picklist(['audio', 'video']),
    pc: v.pipe(v.number(), v.integer(), v.minValue(0)),
    peer: v.optional(v.picklist(['ours', 'other', 'unknown'])),
  }),
  // The therapist started or stopped sharing a screen, window or tab.
  v.object({ type: v.literal('display'), sharing: v.boolean() }),
  // A peer connection's getStats numbers (probe/connection-stats.ts), every ~2 s; null = not reported.
  v.object({
    type: v.literal('connection'),
    pc: v.pipe(v.number(), v.integer(), v.minValue(0)),
    rttMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(60_000))),
    jitterMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(60_000))),
    lossPct: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100))),
  }),
]);

export type ProbeMessage = v.InferOutput<typeof ProbeMessageSchema>;

/** Parses an untrusted dataset string; null for anything malformed. */
export function parseProbeMessage(raw: unknown): ProbeMessage | null {
  if (typeof raw !== 'string' || raw.length > 1024) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const result = v.safeParse(ProbeMessageSchema, json);
  return result.success ? result.output : null;
}
