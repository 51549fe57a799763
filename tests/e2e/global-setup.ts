// Builds the extension once for all browser tests, with the model from ../shared unless the
// environment names one (the build itself verifies size and sha256).
import { execFileSync } from 'node:child_process';
import { repoRoot, sharedFile } from '../support/paths';

export default function setup(): void {
  if (process.env.WEBSIDE_SKIP_BUILD === '1') return;
  const env = { ...process.env, WEBSIDE_FACE_MODEL: process.env.WEBSIDE_FACE_MODEL ?? sharedFile('models/face_landmarker.task') };
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
}
