// What the face worker extracts from one frame: flat numbers, the only input the vision estimators
// get. Coordinates are normalised to the analysed frame (0..1, x to the image right, y down).

/** Landmarks kept per frame (MediaPipe FaceMesh indices), in this order. */
export const KEPT_LANDMARKS = {
  // eye corners (outer, inner), upper and lower lid, iris centre — image-left eye first
  leftOuter: 33,
  leftInner: 133,
  leftUpper: 159,
  leftLower: 145,
  leftIris: 468,
  rightInner: 362,
  rightOuter: 263,
  rightUpper: 386,
  rightLower: 374,
  rightIris: 473,
  noseTip: 1,
  forehead: 10,
  chin: 152,
  leftCheek: 50,
  rightCheek: 280,
  leftFaceSide: 234,
  rightFaceSide: 454,
} as const;
export type KeptLandmark = keyof typeof KEPT_LANDMARKS;
export const KEPT_ORDER = Object.keys(KEPT_LANDMARKS) as KeptLandmark[];
export const landmarkSlot = (name: KeptLandmark) => KEPT_ORDER.indexOf(name);

/** Blendshapes kept per frame (MediaPipe category names), in this order. */
export const KEPT_BLENDSHAPES = [
  'eyeBlinkLeft',
  'eyeBlinkRight',
  'eyeLookInLeft',
  'eyeLookInRight',
  'eyeLookOutLeft',
  'eyeLookOutRight',
  'eyeLookUpLeft',
  'eyeLookUpRight',
  'eyeLookDownLeft',
  'eyeLookDownRight',
  'mouthSmileLeft',
  'mouthSmileRight',
] as const;
export type KeptBlendshape = (typeof KEPT_BLENDSHAPES)[number];

export interface FaceObservation {
  faceFound: boolean;
  /** analysed frame size, px */
  width: number;
  height: number;
  /** degrees (head-pose.ts conventions); NaN without a face */
  yaw: number;
  pitch: number;
  roll: number;
  /** bounding box of all 478 landmarks, normalised; NaN without a face */
  boxLeft: number;
  boxTop: number;
  boxRight: number;
  boxBottom: number;
  /** x,y pairs of KEPT_LANDMARKS in KEPT_ORDER, normalised */
  points: Float32Array;
  /** scores of KEPT_BLENDSHAPES in order, 0..1 (NaN when blendshapes were not computed) */
  blendshapes: Float32Array;
}

export function emptyObservation(): FaceObservation {
  return {
    faceFound: false,
    width: 0,
    height: 0,
    yaw: Number.NaN,
    pitch: Number.NaN,
    roll: Number.NaN,
    boxLeft: Number.NaN,
    boxTop: Number.NaN,
    boxRight: Number.NaN,
    boxBottom: Number.NaN,
    points: new Float32Array(KEPT_ORDER.length * 2).fill(Number.NaN),
    blendshapes: new Float32Array(KEPT_BLENDSHAPES.length).fill(Number.NaN),
  };
}
