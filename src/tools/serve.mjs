// @ts-check
// A tiny static server for the demo call page (src/demo/), loopback only, no dependencies.
// It also serves the client's voice: a real two-speaker recording from the shared media folder.
/* global console, URL */ // Node globals: the lint config declares none for .mjs files
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { deriveWav, repoRoot, sharedDir } from './media.mjs';

const demoDir = path.join(repoRoot, 'src', 'demo');

/** @type {Record<string, string>} */
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
};

/** @type {Promise<string | null> | null} made on the first request, then reused */
let clientVoice = null;

/** The client's voice as a 48 kHz mono wav under .cache/, or null without the shared folder. */
function clientVoicePath() {
  clientVoice ??= (async () => {
    const shared = sharedDir();
    const src = shared && path.join(shared, 'media', 'audio', 'dialogue', 'sample.wav');
    if (!src || !fs.existsSync(src)) return null;
    return deriveWav(src, { rate: 48000, name: 'client-voice-48k' });
  })();
  return clientVoice;
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} text
 */
function sendText(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} file absolute path, already checked to be inside a served folder
 */
function sendFile(req, res, file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return sendText(res, 404, 'Not found');
  res.writeHead(200, {
    'Content-Type': contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-store', // a dev server: always serve the file as it is now
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return sendText(res, 400, 'Bad request');
  }
  if (pathname === '/client-voice.wav') {
    const file = await clientVoicePath().catch((err) => {
      console.error(`Could not prepare the client voice: ${err.message}`);
      return null;
    });
    return file ? sendFile(req, res, file) : sendText(res, 404, 'No shared media: the page will synthesize a voice');
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(demoDir, '.' + pathname);
  // No directory traversal: after resolving, the file must still be inside src/demo/.
  if (pathname.includes('\0') || !file.startsWith(demoDir + path.sep)) return sendText(res, 403, 'Forbidden');
  sendFile(req, res, file);
}

/**
 * Serves src/demo/ on the loopback interface.
 * @param {{ port?: number, host?: string }} [options] port 0 picks a free port
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startDemoServer({ port = 5317, host = '127.0.0.1' } = {}) {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendText(res, 500, String(err?.message ?? err));
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ err) => {
      reject(
        err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use: pick another with --port N (0 = any free port).`) : err,
      );
    });
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    // "localhost" is a secure context for getUserMedia and matches the extension's http://localhost/* pattern.
    url: `http://localhost:${actualPort}/`,
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
