// Sends this camera's gaze calibration to the face worker, and again whenever it changes in storage
// (e.g. the therapist re-calibrates on the setup page during a call). A corrupt record is ignored:
// the worker keeps the defaults (`gazeCalibrated: false`) and the problem is reported once.
import { readCalibration, watchCalibration, type CalibrationRead } from '../shared/gaze-calibration-store';
import type { ToWorker } from './worker-protocol';

export function linkCalibration(worker: Worker, cameraKey: string | null, signal: AbortSignal, report: (problem: string) => void): void {
  if (!cameraKey) return;
  const send = ({ record, problem }: CalibrationRead) => {
    if (signal.aborted) return;
    if (problem) report(problem);
    worker.postMessage({ type: 'calibration', record } satisfies ToWorker);
  };
  watchCalibration(cameraKey, send, signal);
  readCalibration(cameraKey).then(send, () => {});
}
