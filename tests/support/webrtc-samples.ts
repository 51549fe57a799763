// The WebRTC project's own samples (github.com/webrtc/samples), as published to npm: webrtc-samples@1.0.0,
// BSD-3-Clause. Not a dependency (its postinstall expects its own devDependencies and would fail an
// install): fetched with `npm pack` at test time into .cache/, checked against the registry's pinned
// integrity, and unpacked there. Pages we did not write, to run with and without Webside.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot } from './paths';

const SPEC = 'webrtc-samples@1.0.0';
const INTEGRITY = 'sha512-WbDaEkhny/qiqOkNVOS7ublqUEU45by+3rbUMAst3oFEGeyT5og+7HSmLHVY0qJJvmRnXPA0923Gpd0BixRx1g==';
const cacheDir = path.join(repoRoot, '.cache', 'webrtc-samples');

/** The unpacked package folder (fetched and checked on first use). */
export function webrtcSamplesDir(): string {
  const root = path.join(cacheDir, 'package');
  if (existsSync(path.join(root, 'package.json'))) return root;
  mkdirSync(cacheDir, { recursive: true });
  try {
    execFileSync('npm', ['pack', SPEC, '--pack-destination', cacheDir, '--silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`Could not fetch ${SPEC} from the npm registry (npm pack): ${String(error)}`);
  }
  const tarball = readdirSync(cacheDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${SPEC} left no tarball in ${cacheDir}`);
  const file = path.join(cacheDir, tarball);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
  if (integrity !== INTEGRITY) throw new Error(`${SPEC}: integrity ${integrity} is not the pinned ${INTEGRITY}`);
  execFileSync('tar', ['-xzf', file, '-C', cacheDir]);
  return root;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.mp3': 'audio/mpeg',
};

/** Serves the samples on localhost (a pattern the extension's content scripts run on). */
export async function serveWebrtcSamples(): Promise<{ url: string; close(): Promise<void> }> {
  const root = webrtcSamplesDir();
  const server = http.createServer((req, res) => {
    let pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(root, '.' + decodeURIComponent(pathname));
    if (!file.startsWith(root + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
