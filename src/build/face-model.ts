// Build-time provisioning of the FaceLandmarker model. The model never enters git (it is 3.7 MB of
// someone else's weights): the build takes it from a path the user gives, else downloads the official
// file, and in both cases checks its size and sha256 so a truncated or substituted file stops the build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const MODEL_ENV = 'WEBSIDE_FACE_MODEL';
export const MODEL_URL = 'https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task';
// From ../shared/models/README.md: float16 bundle, version 1.
export const MODEL_SHA256 = '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff';
export const MODEL_BYTES = 3_758_596;

export class ModelProvisionError extends Error {
  override name = 'ModelProvisionError';
}

const howToFix =
  `Set ${MODEL_ENV} to the path of face_landmarker.task (developers and CI: ../shared/models/face_landmarker.task), ` +
  `or let the build download it from ${MODEL_URL}.`;

/** Throws unless `bytes` is exactly the published model. */
export function verifyModel(bytes: Uint8Array, origin: string): void {
  if (bytes.byteLength !== MODEL_BYTES) {
    throw new ModelProvisionError(
      `Face model from ${origin} has ${bytes.byteLength} bytes, expected ${MODEL_BYTES} (truncated or a different model). ${howToFix}`,
    );
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== MODEL_SHA256) {
    throw new ModelProvisionError(`Face model from ${origin} has sha256 ${sha}, expected ${MODEL_SHA256}. ${howToFix}`);
  }
}

async function download(url: string, cacheFile: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new ModelProvisionError(`${MODEL_ENV} is not set and downloading ${url} failed (${String(error)}). ${howToFix}`);
  }
  if (!response.ok) {
    throw new ModelProvisionError(`${MODEL_ENV} is not set and ${url} answered HTTP ${response.status}. ${howToFix}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Only a verified file reaches the cache: a truncated or substituted download is never reused.
  verifyModel(bytes, url);
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(`${cacheFile}.part`, bytes);
  renameSync(`${cacheFile}.part`, cacheFile);
  return bytes;
}

/**
 * The verified model bytes. Order: $WEBSIDE_FACE_MODEL, then a previously verified download in
 * `cacheDir`, then the official URL (`url` is overridable for tests and mirrors; the hash is not).
 */
export async function provideFaceModel(env: NodeJS.ProcessEnv, cacheDir: string, url: string = MODEL_URL): Promise<Uint8Array> {
  const given = env[MODEL_ENV];
  if (given) {
    const path = resolve(given);
    if (!existsSync(path)) throw new ModelProvisionError(`${MODEL_ENV}=${given}: no such file. ${howToFix}`);
    const bytes = new Uint8Array(readFileSync(path));
    verifyModel(bytes, `${MODEL_ENV}=${given}`);
    return bytes;
  }
  const cached = resolve(cacheDir, 'face_landmarker.task');
  if (existsSync(cached)) {
    const bytes = new Uint8Array(readFileSync(cached));
    verifyModel(bytes, cached);
    return bytes;
  }
  return download(url, cached);
}
