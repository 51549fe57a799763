// Gaze calibrations, one per camera, in storage.local under `gazeCalibration:<cameraKey>`. The key is
// the first 16 hex digits of sha256(track.label): the camera's name never goes into storage (it can
// name the device and the person's hardware). Records are validated on read: a corrupt one is
// ignored (the defaults apply, `gazeCalibrated: false`) and reported to the caller.
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { GazeCalibrationSchema, type GazeCalibration } from '../core/gaze-calibration';
import { quietly } from './extension-context';

export const CALIBRATION_KEY_PREFIX = 'gazeCalibration:';
export const CameraKeySchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/));

/** The camera key of a track label; null for an empty label (no permission, or an anonymous device). */
export async function cameraKeyOf(label: string): Promise<string | null> {
  if (!label) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(label));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const calibrationKey = (cameraKey: string) => `${CALIBRATION_KEY_PREFIX}${v.parse(CameraKeySchema, cameraKey)}`;

export type CalibrationRead = { record: GazeCalibration | null; problem: string | null };

/** A stored value, validated: absent -> no record; corrupt -> no record and a problem to report. */
export function parseCalibration(stored: unknown): CalibrationRead {
  if (stored === undefined) return { record: null, problem: null };
  const parsed = v.safeParse(GazeCalibrationSchema, stored);
  if (parsed.success) return { record: parsed.output, problem: null };
  const issue = parsed.issues[0];
  const where = issue.path?.map((p) => String(p.key)).join('.') || 'record';
  return { record: null, problem: `Stored gaze calibration ignored (${where}: ${issue.message}); using the defaults.` };
}

export async function readCalibration(cameraKey: string): Promise<CalibrationRead> {
  const key = calibrationKey(cameraKey);
  const stored = await browser.storage.local.get(key);
  return parseCalibration(stored[key]);
}

export async function writeCalibration(cameraKey: string, record: GazeCalibration): Promise<void> {
  await browser.storage.local.set({ [calibrationKey(cameraKey)]: v.parse(GazeCalibrationSchema, record) });
}

export async function clearCalibration(cameraKey: string): Promise<void> {
  await browser.storage.local.remove(calibrationKey(cameraKey));
}

/** Calls `onChange` with the validated record whenever this camera's calibration changes, until `signal` aborts. */
export function watchCalibration(cameraKey: string, onChange: (read: CalibrationRead) => void, signal: AbortSignal): void {
  const key = calibrationKey(cameraKey);
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && key in changes) onChange(parseCalibration(changes[key]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => quietly(() => browser.storage.onChanged.removeListener(listener)), { once: true });
}
