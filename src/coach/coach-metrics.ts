// Folds the worker's per-frame results into what the overlay shows and what the service worker
// stores: presence verdict, pose, analysed fps and detect-time percentiles.
import { FacePresence, type Presence } from '../core/face-presence';
import { RateMeter } from '../core/rate-meter';
import { RingStats } from '../core/ring-stats';
import type { CoachMetrics } from '../shared/protocol';
import { ConversationMetrics } from './conversation-metrics';
import type { FaceResult } from './worker-protocol';

const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

export class CoachMetricsAccumulator {
  private readonly presence = new FacePresence();
  private readonly rate = new RateMeter(3000);
  private readonly detectMs = new RingStats(100);
  private frames = 0;
  private firstFaceAt: number | null = null;
  private last: FaceResult | null = null;
  state: CoachMetrics['state'] = 'loading';
  modelLoadMs: number | null = null;
  /** epoch ms marks of this coach's start (CoachMetrics.startup) */
  readonly startup: NonNullable<CoachMetrics['startup']> = {
    pageAt: performance.timeOrigin,
    helloAt: null,
    verifiedAt: null,
    modelStartAt: null,
    readyAt: null,
    firstFrameAt: null,
    firstResultAt: null,
  };
  lastError: string | null = null;
  /** the bridge's conversation summaries (audio port) */
  readonly conversation = new ConversationMetrics();

  add(result: FaceResult, nowMs: number): Presence {
    this.frames++;
    if (this.startup.firstResultAt === null) {
      this.startup.firstResultAt = result.doneAt;
      this.startup.firstFrameAt = result.capturedAt;
    }
    this.rate.mark(nowMs);
    this.detectMs.push(result.detectMs);
    if (result.faceFound && this.firstFaceAt === null) this.firstFaceAt = result.doneAt;
    this.last = result;
    return this.presence.update(nowMs, result.faceFound);
  }

  snapshot(nowMs: number): CoachMetrics {
    const presence = this.presence.current(nowMs);
    const face = presence === 'face' && this.last?.faceFound === true ? this.last : null;
    return {
      state: this.state,
      fps: round1(this.rate.rate(nowMs)) ?? 0,
      detectMsP50: round1(this.detectMs.percentile(50)),
      detectMsP95: round1(this.detectMs.percentile(95)),
      frames: this.frames,
      presence,
      yaw: face ? round1(face.yaw) : null,
      pitch: face ? round1(face.pitch) : null,
      roll: face ? round1(face.roll) : null,
      firstFaceAt: this.firstFaceAt,
      modelLoadMs: this.modelLoadMs === null ? null : round1(this.modelLoadMs),
      startup: { ...this.startup },
      lastError: this.lastError,
      vision: this.last ? { ...this.last.vision } : null,
      conversation: this.conversation.current(nowMs),
    };
  }
}
