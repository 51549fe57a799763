// Where tests find things. Tests (never the product) may read ../shared.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const distDir = resolve(repoRoot, 'dist');
export const screenshotDir = resolve(repoRoot, '.cache/screens');

export function sharedDir(): string {
  const dir = process.env.WEBSIDE_SHARED ?? resolve(repoRoot, '../shared');
  if (!existsSync(dir)) throw new Error(`Test media not found at ${dir}: put the shared folder beside the repo or set WEBSIDE_SHARED.`);
  return dir;
}

export const sharedFile = (...parts: string[]) => resolve(sharedDir(), ...parts);
