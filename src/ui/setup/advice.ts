// What each verdict means for the therapist, in words, with the fix. Sides are the therapist's own:
// the camera image is not mirrored, so the image right is their left.
import type { VisionSummary } from '../../coach/frame-analyser';
import type { MicVerdict } from './mic-level';

export type CheckStatus = 'waiting' | 'pass' | 'fix';
export interface Check {
  status: CheckStatus;
  text: string;
}

const theirSide = (imageSide: string) => (imageSide === 'left' ? 'right' : imageSide === 'right' ? 'left' : imageSide);

export function lightingCheck(v: VisionSummary | null): Check {
  if (!v || v.lighting === 'unknown') return { status: 'waiting', text: 'Looking at the light on your face…' };
  switch (v.lighting) {
    case 'good':
    case 'low-contrast': // even light; flat is fine on a video call
      return { status: 'pass', text: 'Your face is evenly lit.' };
    case 'too-dark':
      return { status: 'fix', text: 'Your face is too dark. Add light from the front: face a window or put a lamp behind your screen.' };
    case 'overexposed':
      return { status: 'fix', text: 'Your face is too bright (washed out). Dim or move the light, or step back from it.' };
    case 'backlit':
      return { status: 'fix', text: 'The light is behind you. Turn so the window or lamp is in front of you, behind the screen.' };
    case 'side-lit': {
      const side = v.lightFrom === 'your-left' ? 'left' : 'right';
      return {
        status: 'fix',
        text: `The light comes from your ${side}. Light from the front: face a window or put a lamp behind the screen.`,
      };
    }
  }
}

export function framingCheck(v: VisionSummary | null): Check {
  if (!v || v.framing === 'unknown') return { status: 'waiting', text: 'Looking at where you sit in the picture…' };
  const detail = v.framingDetail ?? '';
  switch (v.framing) {
    case 'good':
      return { status: 'pass', text: 'You are well framed: centred, head and shoulders in view.' };
    case 'cut-off': {
      const edges = detail.split(',').filter(Boolean);
      const words = edges.map((e) => (e === 'top' ? 'the top' : e === 'bottom' ? 'the bottom' : `your ${theirSide(e)}`));
      return {
        status: 'fix',
        text: `Your face is cut off at ${words.join(' and ') || 'an edge'}. Move back into the middle of the picture.`,
      };
    }
    case 'too-close':
      return { status: 'fix', text: 'You are too close. Sit back a little so your head and shoulders show.' };
    case 'too-far':
      return { status: 'fix', text: 'You are far from the camera. Sit closer so your face fills more of the picture.' };
    case 'off-centre':
      return {
        status: 'fix',
        text: `You sit off to your ${theirSide(detail)}. Move a little to your ${detail === 'right' ? 'right' : 'left'}, or turn the camera.`,
      };
    case 'no-headroom':
      return { status: 'fix', text: 'The top of your head is at the edge. Tilt the camera up a little or sit lower.' };
    case 'too-much-headroom':
      return { status: 'fix', text: 'There is a lot of space above your head. Tilt the camera down a little or raise your seat.' };
    case 'tilted':
      return { status: 'fix', text: 'Your head or camera is tilted. Straighten the camera or your posture.' };
  }
}

export function cameraHeightCheck(v: VisionSummary | null): Check {
  if (!v || v.cameraHeight === 'unknown') return { status: 'waiting', text: 'Look at the screen for a few seconds…' };
  const deg = v.cameraPitchDeg === null ? '' : ` (~${Math.abs(Math.round(v.cameraPitchDeg))}°)`;
  if (v.cameraHeight === 'level') return { status: 'pass', text: `Your camera is about level with your eyes${deg}.` };
  if (v.cameraHeight === 'low')
    return { status: 'fix', text: `Your camera looks up at you${deg}. Raise it to eye level: put the laptop on a stand or a few books.` };
  return { status: 'fix', text: `Your camera looks down on you${deg}. Lower it to eye level.` };
}

export function micCheck(verdict: MicVerdict | 'off', loudestDb: number): Check {
  const db = Number.isFinite(loudestDb) ? ` (${Math.round(loudestDb)} dBFS)` : '';
  switch (verdict) {
    case 'off':
      return { status: 'fix', text: 'No microphone: allow it for Webside to check your level.' };
    case 'waiting':
      return { status: 'waiting', text: 'Say a sentence at your normal session volume…' };
    case 'ok':
      return { status: 'pass', text: `Your voice comes through clearly${db}.` };
    case 'too-quiet':
      return { status: 'fix', text: `Your voice is quiet${db}. Move closer to the mic or raise its input level.` };
    case 'clipping':
      return { status: 'fix', text: 'Your voice is too loud for the mic (it distorts). Lower its input level or sit back a little.' };
  }
}
