// A synthetic face with known eye rotation and head pose, for the gaze and calibration tests.
import { emptyObservation, KEPT_BLENDSHAPES, landmarkSlot, type FaceObservation } from '../../../src/core/face-observation';

const rad = Math.PI / 180;
export interface Person {
  /** this person's iris offset when looking straight at the lens (eye-width units) */
  biasX: number;
  biasY: number;
  /** resting blendshape level */
  rest: number;
}
export const typical: Person = { biasX: 0, biasY: 0.02, rest: 0.18 };

/**
 * A synthetic face whose eyes are rotated by (ex, ey) degrees (+x toward image right, +y up), with
 * head yaw/pitch, rendered with the response DESIGN.md measured: iris moves 0.7x / 0.5x of the true
 * shift (0.4 eye widths per radian), blendshapes ~0.5 of range per 30 degrees.
 */
export function face(ex: number, ey: number, yaw = 0, pitch = 10, person = typical, blink = 0.05): FaceObservation {
  const o = emptyObservation();
  Object.assign(o, { faceFound: true, width: 640, height: 480, yaw, pitch, roll: 0 });
  const eyeW = 0.05; // of frame width
  const put = (name: Parameters<typeof landmarkSlot>[0], x: number, y: number) => {
    o.points[landmarkSlot(name) * 2] = x;
    o.points[landmarkSlot(name) * 2 + 1] = y;
  };
  const irisDx = (0.7 * 0.4 * Math.sin(ex * rad) + person.biasX) * eyeW;
  const irisDy = (0.5 * 0.4 * Math.sin(ey * rad) + person.biasY) * eyeW * (640 / 480);
  // Image-left eye: outer corner (33) left of inner (133); image-right eye: inner (362) left of outer (263).
  for (const [side, cx] of [['left', 0.44] as const, ['right', 0.56] as const]) {
    const cy = 0.42;
    put(side === 'left' ? 'leftOuter' : 'rightInner', cx - eyeW / 2, cy);
    put(side === 'left' ? 'leftInner' : 'rightOuter', cx + eyeW / 2, cy);
    put(side === 'left' ? 'leftUpper' : 'rightUpper', cx, cy - 0.01);
    put(side === 'left' ? 'leftLower' : 'rightLower', cx, cy + 0.01);
    put(side === 'left' ? 'leftIris' : 'rightIris', cx + irisDx, cy - irisDy);
  }
  const set = (name: (typeof KEPT_BLENDSHAPES)[number], v: number) =>
    (o.blendshapes[KEPT_BLENDSHAPES.indexOf(name)] = Math.max(0, Math.min(1, v)));
  const h = ex / 60; // + = toward image right = the person's left
  const v = ey / 60;
  set('eyeLookOutLeft', person.rest + Math.max(0, h));
  set('eyeLookInRight', person.rest + Math.max(0, h));
  set('eyeLookInLeft', person.rest + Math.max(0, -h));
  set('eyeLookOutRight', person.rest + Math.max(0, -h));
  set('eyeLookUpLeft', person.rest + Math.max(0, v));
  set('eyeLookUpRight', person.rest + Math.max(0, v));
  set('eyeLookDownLeft', person.rest + Math.max(0, -v));
  set('eyeLookDownRight', person.rest + Math.max(0, -v));
  set('eyeBlinkLeft', blink);
  set('eyeBlinkRight', blink);
  return o;
}
