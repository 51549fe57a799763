import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { FaceObservation } from '../../src/core/face-observation';
import { DEFAULT_GAZE_MODEL, gazeAngle, gazeFeatures, type GazeFeatures } from '../../src/core/gaze';
import {
  CalibrationStepRecorder,
  calibrationRecord,
  classifyCalibratedGaze,
  GazeCalibrationSchema,
  gazeModelOf,
  setupAdvice,
  type StepResult,
} from '../../src/core/gaze-calibration';
import { face, type Person } from './support/synthetic-face';

const features = (o: FaceObservation): GazeFeatures => {
  const f = {} as GazeFeatures;
  expect(gazeFeatures(o, f)).toBe(true);
  return f;
};

// A person whose iris sits off-centre when looking into the lens, with strong resting blendshapes:
// the defaults misjudge them, the calibration must not.
const person: Person = { biasX: 0.05, biasY: -0.04, rest: 0.3 };
// Deterministic jitter (a person holding still: ~1 deg of eye noise).
const jitter = (i: number, amp: number) => amp * Math.sin(i * 2.399);

/** A 5-s step at 5 frames/s looking at (ex, ey) deg from the lens with head (yaw, pitch). */
function step(kind: 'camera' | 'tile', ex: number, ey: number, options: { noise?: number; missing?: number; blink?: number } = {}) {
  const rec = new CalibrationStepRecorder(kind);
  for (let i = 0; i < 25; i++) {
    if (i < (options.missing ?? 0)) rec.add(null);
    else
      rec.add(
        features(face(ex + jitter(i, options.noise ?? 1), ey + jitter(i + 7, options.noise ?? 1), 0, 10, person, options.blink ?? 0.05)),
      );
  }
  return rec.finish();
}
const passed = (r: StepResult) => {
  if (!r.ok) throw new Error(`step failed: ${r.reason}`);
  return r;
};

describe('gaze calibration steps', () => {
  it('passes a steady step and reports its spread', () => {
    const r = passed(step('camera', 0, 0));
    expect(r.frames).toBe(25);
    expect(r.spreadDeg).toBeLessThan(4);
  });

  it('asks to try again when the face was mostly missing', () => {
    const r = step('camera', 0, 0, { missing: 20 });
    expect(r).toMatchObject({ ok: false, problem: 'too-few-frames' });
    expect(!r.ok && r.reason).toMatch(/try again/);
    expect(new CalibrationStepRecorder('camera').finish()).toMatchObject({ ok: false, problem: 'no-face' });
  });

  it('asks to try again when the eyes were closed', () => {
    expect(step('camera', 0, 0, { blink: 0.9 })).toMatchObject({ ok: false, problem: 'eyes-closed' });
  });

  it('asks to try again when the gaze wandered', () => {
    const r = step('tile', 0, -12, { noise: 25 });
    expect(r).toMatchObject({ ok: false, problem: 'unsteady' });
    expect(!r.ok && r.reason).toMatch(/client's video/);
  });
});

describe('gaze calibration record and advice', () => {
  const record = calibrationRecord(passed(step('camera', 0, 0)), passed(step('tile', 0, -12)), 1_700_000_000_000);

  it('stores the camera axis and the tile direction in a valid, versioned record', () => {
    expect(v.is(GazeCalibrationSchema, JSON.parse(JSON.stringify(record)))).toBe(true);
    expect(record.version).toBe(1);
    expect(Math.abs(record.tile.y + 12)).toBeLessThan(3);
    expect(Math.abs(record.tile.x)).toBeLessThan(3);
  });

  it('advises moving a video ~12 deg below the camera to the top of the screen', () => {
    const advice = setupAdvice(record);
    expect(advice.direction).toBe('below');
    expect(advice.good).toBe(false);
    expect(advice.advice).toMatch(
      /^Your client's video sits ~1[0-4]° below your camera — move it to the top of the screen, just under the lens\.$/,
    );
  });

  it("names sides from the therapist's view and calls a near tile good", () => {
    // Eyes toward image right = the person's left.
    const left = calibrationRecord(passed(step('camera', 0, 0)), passed(step('tile', 20, 0)), 0);
    expect(setupAdvice(left)).toMatchObject({ direction: 'left of' });
    expect(setupAdvice(left).advice).toMatch(/move it toward the right, next to the lens/);
    const near = calibrationRecord(passed(step('camera', 0, 0)), passed(step('tile', 0, -4)), 0);
    expect(setupAdvice(near)).toMatchObject({ good: true });
    expect(setupAdvice(near).advice).toMatch(/close enough to read as eye contact/);
  });

  it('refuses steps in the wrong order', () => {
    const camera = passed(step('camera', 0, 0));
    expect(() => calibrationRecord(camera, camera, 0)).toThrow(/camera step, then the tile step/);
  });
});

describe('calibrated gaze classifier', () => {
  const classify = (ex: number, ey: number, calibrated: boolean, tileY = -20) => {
    const record = calibrated ? calibrationRecord(passed(step('camera', 0, 0)), passed(step('tile', 0, tileY)), 0) : null;
    const f = features(face(ex, ey, 0, 10, person));
    return classifyCalibratedGaze(f, gazeAngle(f, gazeModelOf(record), { x: 0, y: 0, off: 0 }), record);
  };

  it("puts the at-camera cone around this person's calibrated axis", () => {
    // The defaults misread this person's lens look (iris bias) as away from the camera.
    expect(classify(0, 0, false)).not.toBe('at-camera');
    expect(classify(0, 0, true)).toBe('at-camera');
    expect(classify(3, -3, true)).toBe('at-camera');
  });

  it('widens the at-screen zone to take in a far tile, and only around it', () => {
    // A tile 30 deg below the lens is beyond the default 25-deg screen zone.
    expect(classify(0, -30, true, -30)).toBe('at-screen');
    expect(classify(0, 30, true, -30)).toBe('away');
    expect(classify(35, 0, true, -30)).toBe('away');
  });

  it('is unknown without features, and marks the model calibrated only with a record', () => {
    expect(classifyCalibratedGaze(null, null, null)).toBe('unknown');
    expect(gazeModelOf(null)).toBe(DEFAULT_GAZE_MODEL);
    expect(gazeModelOf(calibrationRecord(passed(step('camera', 0, 0)), passed(step('tile', 0, -12)), 0)).calibrated).toBe(true);
  });
});
