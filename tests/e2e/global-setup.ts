// Builds the extension once for all browser tests, with the model from ../shared unless the
// environment names one (the build itself verifies size and sha256).
import { execFileSync } from 'node:child_process';
import { repoRoot, sharedFile } from '../support/paths';

export default function setup(): void {
  if (process.env.WEBSIDE_SKIP_BUILD === '1') return;
  // VITE_WEBSIDE_TEST=1: test hooks (e.g. coach/coach-nudges.ts TEST_SPEEDUP_KEY); never set for a normal build.
  const env = {
    ...process.env,
    VITE_WEBSIDE_TEST: '1',
    WEBSIDE_FACE_MODEL: process.env.WEBSIDE_FACE_MODEL ?? sharedFile('models/face_landmarker.task'),
  };
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
}
