// The dev conversations: who says which clip when. The timeline is the truth.
//   after:  the utterance starts this long after the previous turn ended (negative: talks over its end); it is a turn
//   during: it starts this long after the previous turn started and is not a turn (backchannels, interjections)
// Gaps follow video-call practice: 300–1200 ms between turns (Boland et al. 2022: face to face ~135–300 ms,
// video ~500–1000 ms); overlaps of 0.5–2 s; backchannels of 0.26–0.34 s.
import { type Side } from '../../src/core/audio/turn-taking';
import { type ClipName } from './clips';

export interface Step {
  side: Side;
  clip: ClipName;
  after?: number;
  during?: number;
}

export interface DialogueScript {
  name: string;
  sampleRate: 16000 | 48000;
  rttMs: number;
  /** echo of the remote voice in the local mic, dB re the remote signal; null = headphones */
  echoDb: number | null;
  echoDelayMs: number;
  /** therapist speech level re the client's, dB */
  therapistDb: number;
  steps: Step[];
}

export const DIALOGUES: DialogueScript[] = [
  {
    name: 'intake-16k',
    sampleRate: 16000,
    rttMs: 80,
    echoDb: -6,
    echoDelayMs: 30,
    therapistDb: 0,
    steps: [
      { side: 'local', clip: 't1', after: 500 },
      { side: 'remote', clip: 'c1', after: 700 },
      { side: 'local', clip: 'b2', during: 1200 },
      { side: 'local', clip: 't2', after: 450 },
      { side: 'remote', clip: 'c2', after: 900 },
      { side: 'local', clip: 't3', after: -900 }, // the therapist takes over 0.9 s before the client is done
      { side: 'remote', clip: 'b5', during: 2000 },
      { side: 'remote', clip: 'c4', after: 600 },
      { side: 'local', clip: 't7', during: 1500 }, // interjects 1.75 s; the client goes on
      { side: 'local', clip: 't4', after: 300 },
      { side: 'remote', clip: 'c5', after: -700 }, // the client takes over
      { side: 'local', clip: 't5', after: 1000 },
    ],
  },
  {
    name: 'laggy-48k',
    sampleRate: 48000,
    rttMs: 600,
    echoDb: -3,
    echoDelayMs: 50,
    therapistDb: -3,
    steps: [
      { side: 'remote', clip: 'c6', after: 300 },
      { side: 'local', clip: 'b3', during: 2500 },
      { side: 'local', clip: 'b7', during: 6000 },
      { side: 'local', clip: 't6', after: 1200 },
      { side: 'remote', clip: 'c10', during: 2500 }, // the client interjects
      { side: 'remote', clip: 'c8', after: -1500 },
      { side: 'local', clip: 't8', after: 800 },
      { side: 'remote', clip: 'c11', after: -1200 },
      { side: 'local', clip: 't1', after: 600 },
      { side: 'remote', clip: 'c12', after: 900 },
      // The therapist starts into a 1.3 s pause 0.9 s in; the client resumes 0.4 s later. With a 600 ms round
      // trip the client hears the therapist arrive 0.2 s into their own resumed speech.
      { side: 'local', clip: 't2', during: 1290 + 900 },
      { side: 'remote', clip: 'c5', after: 1300 },
      { side: 'local', clip: 't4', after: 900 },
    ],
  },
  {
    name: 'headphones-16k',
    sampleRate: 16000,
    rttMs: 200,
    echoDb: null,
    echoDelayMs: 0,
    therapistDb: 0,
    steps: [
      { side: 'local', clip: 't3', after: 400 },
      { side: 'remote', clip: 'b6', during: 1500 },
      { side: 'remote', clip: 'c9', after: 800 },
      { side: 'local', clip: 'b8', during: 3000 },
      { side: 'local', clip: 't5', after: -500 },
      { side: 'remote', clip: 'c3', after: 6000 }, // a long client silence: nobody's fault
      { side: 'local', clip: 't2', after: 650 },
      { side: 'remote', clip: 'c4', after: 500 },
      { side: 'local', clip: 't7', during: 2500 },
      { side: 'local', clip: 't4', after: 700 },
    ],
  },
  {
    name: 'quiet-therapist-16k',
    sampleRate: 16000,
    rttMs: 300,
    echoDb: -6,
    echoDelayMs: 45,
    therapistDb: -3,
    steps: [
      { side: 'remote', clip: 'c13', after: 300 },
      { side: 'local', clip: 'b2', during: 2000 },
      { side: 'local', clip: 't8', after: -1200 },
      { side: 'remote', clip: 'b5', during: 3000 },
      { side: 'remote', clip: 'c2', after: 1100 },
      { side: 'local', clip: 't2', after: 350 },
      { side: 'remote', clip: 'c4', after: -600 },
      { side: 'local', clip: 't7', during: 2000 },
      { side: 'local', clip: 't3', after: 500 },
    ],
  },
  {
    name: 'monologue-48k',
    sampleRate: 48000,
    rttMs: 150,
    echoDb: -5,
    echoDelayMs: 20,
    therapistDb: 0,
    steps: [
      { side: 'local', clip: 't2', after: 300 },
      { side: 'remote', clip: 'c7', after: 800 },
      { side: 'local', clip: 'b8', during: 3000 },
      { side: 'local', clip: 'b3', during: 7500 },
      { side: 'local', clip: 'b7', during: 12000 },
      { side: 'local', clip: 't6', after: 1100 },
      { side: 'remote', clip: 'c10', after: -800 },
      { side: 'local', clip: 't1', after: 600 },
    ],
  },
];
