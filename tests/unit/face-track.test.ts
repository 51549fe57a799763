import { describe, expect, it } from 'vitest';
import { emptyObservation, type FaceObservation } from '../../src/core/face-observation';
import { FaceTrack } from '../../src/core/face-track';
import { FrameAnalyser } from '../../src/coach/frame-analyser';

function face(cx: number, cy = 0.45, w = 0.28): FaceObservation {
  return Object.assign(emptyObservation(), {
    faceFound: true,
    width: 640,
    height: 480,
    yaw: 0,
    pitch: 10,
    roll: 0,
    boxLeft: cx - w / 2,
    boxRight: cx + w / 2,
    boxTop: cy - w * 0.6,
    boxBottom: cy + w * 0.6,
  });
}
const none = () => emptyObservation();

describe('face track', () => {
  it('is steady only from the second consecutive frame with the face', () => {
    const track = new FaceTrack();
    expect(track.update(0, face(0.5))).toBe(false);
    expect(track.update(200, face(0.5))).toBe(true);
    expect(track.update(400, face(0.51))).toBe(true);
  });

  it('a missing frame (a tracking gap) restarts the count', () => {
    const track = new FaceTrack();
    track.update(0, face(0.5));
    track.update(200, face(0.5));
    expect(track.update(400, none())).toBe(false);
    expect(track.update(600, face(0.5))).toBe(false);
    expect(track.update(800, face(0.5))).toBe(true);
  });

  it('a jump of the box (a different face, a re-acquisition) restarts the count', () => {
    const track = new FaceTrack();
    track.update(0, face(0.3));
    expect(track.update(200, face(0.3))).toBe(true);
    expect(track.update(400, face(0.7))).toBe(false);
    expect(track.update(600, face(0.7))).toBe(true);
    expect(track.update(800, face(0.7, 0.45, 0.5))).toBe(false); // scale jump
  });

  it('a long pause between frames restarts the count', () => {
    const track = new FaceTrack();
    track.update(0, face(0.5));
    track.update(200, face(0.5));
    expect(track.update(3000, face(0.5))).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => new FaceTrack({ steadyFrames: 0, maxGapMs: 500, maxJump: 0.5, maxScale: 1.4 })).toThrow(RangeError);
  });
});

describe('frame analyser with the face track', () => {
  it('a re-acquired face is unknown, never bad, until steady for 2 frames', () => {
    // Each second the tracker loses the face for a frame and re-acquires it with its first box far off
    // to the side, exactly when the slow signals (1 Hz) sample. Without the track that first box would
    // read as cut off / off-centre; with it every verdict stays unknown or good.
    const analyser = new FrameAnalyser();
    const seen = new Set<string>();
    for (let t = 0, i = 0; t < 20_000; t += 200, i++) {
      const frame = i % 5 === 4 ? none() : i % 5 === 0 ? face(0.05) : face(0.5);
      const s = analyser.update(t, frame, null);
      seen.add(s.framing);
      seen.add(s.gaze);
    }
    expect([...seen].filter((v) => v !== 'unknown' && v !== 'good')).toEqual([]);
  });

  it('reads a steady good face as good framing', () => {
    const analyser = new FrameAnalyser();
    let framing = 'unknown';
    for (let t = 0; t < 6000; t += 200) framing = analyser.update(t, face(0.5), null).framing;
    expect(framing).toBe('good');
  });
});
