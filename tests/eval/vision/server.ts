// A loopback static server for the evaluation: the bundled page, MediaPipe's module-worker wasm, the
// face model (read in place from ../shared or WEBSIDE_FACE_MODEL, never copied) and the image folders.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { sharedFile } from '../../support/paths';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pgm': 'image/x-portable-graymap',
};

// DESIGN.md: a module worker needs forVisionTasks(base, true) and these files.
const WASM_FILES = ['vision_wasm_module_internal.js', 'vision_wasm_module_internal.wasm'];

export function faceModelPath(): string {
  const path = process.env.WEBSIDE_FACE_MODEL ?? sharedFile('models/face_landmarker.task');
  if (!existsSync(path))
    throw new Error(`Face model not found at ${path}: set WEBSIDE_FACE_MODEL or put the shared folder beside the repo.`);
  return path;
}

function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@mediapipe/tasks-vision')), 'wasm');
}

/** `file` if it lies inside `root` (no `..` escapes), else null. */
function inside(root: string, rel: string): string | null {
  const file = resolve(root, rel);
  return file.startsWith(root + sep) ? file : null;
}

export interface EvalServer {
  origin: string;
  /** serves `dir` and returns the URL prefix of its files */
  mount(dir: string): string;
  close(): Promise<void>;
}

export async function startServer(pageDir: string): Promise<EvalServer> {
  const model = faceModelPath();
  const wasm = wasmDir();
  const mounts: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    let file: string | null = null;
    if (path === '/model.task') file = model;
    else if (path.startsWith('/wasm/') && WASM_FILES.includes(path.slice(6))) file = join(wasm, path.slice(6));
    else if (path.startsWith('/data/')) {
      const [, , index, ...rest] = path.split('/');
      const root = mounts[Number(index)];
      file = root ? inside(root, rest.join('/')) : null;
    } else file = inside(pageDir, path === '/' ? 'index.html' : path.slice(1));
    const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stat?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    mount(dir: string) {
      const root = resolve(dir);
      let index = mounts.indexOf(root);
      if (index < 0) index = mounts.push(root) - 1;
      return `${origin}/data/${index}/`;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** URL of `file` (relative to a mounted dir) with each path segment escaped. */
export const fileUrl = (prefix: string, file: string) => prefix + file.split(/[\\/]/).map(encodeURIComponent).join('/');
