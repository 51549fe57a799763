import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_BYTES, MODEL_ENV, MODEL_URL, provideFaceModel } from '../../src/build/face-model';

const shared = process.env.WEBSIDE_SHARED ?? resolve(import.meta.dirname, '../../../shared');
const realModel = join(shared, 'models/face_landmarker.task');
const tmp = mkdtempSync(join(tmpdir(), 'webside-model-'));
// An empty cache dir, and no way to reach the network: fetch is never reached in these cases.
const env = (path: string) => ({ [MODEL_ENV]: path });

describe('face model provisioning', () => {
  it('accepts the published model from the variable', async () => {
    const bytes = await provideFaceModel(env(realModel), tmp);
    expect(bytes.byteLength).toBe(MODEL_BYTES);
  });

  it('stops on a missing file, naming the variable and the URL', async () => {
    await expect(provideFaceModel(env(join(tmp, 'nope.task')), tmp)).rejects.toThrow(
      new RegExp(`${MODEL_ENV}=.*no such file.*${MODEL_URL.replace(/[.]/g, '\\.')}`),
    );
  });

  it('stops on a truncated model', async () => {
    const truncated = join(tmp, 'truncated.task');
    writeFileSync(truncated, readFileSync(realModel).subarray(0, 100_000));
    await expect(provideFaceModel(env(truncated), tmp)).rejects.toThrow(/100000 bytes, expected 3758596.*WEBSIDE_FACE_MODEL/);
  });

  it('stops on a model of the right size but the wrong content', async () => {
    const corrupt = join(tmp, 'corrupt.task');
    const bytes = readFileSync(realModel);
    bytes[123_456] = (bytes[123_456]! + 1) % 256;
    writeFileSync(corrupt, bytes);
    await expect(provideFaceModel(env(corrupt), tmp)).rejects.toThrow(/sha256 [0-9a-f]{64}, expected 64184e22/);
  });

  it('without the variable, downloads once, verifies, caches, and refuses a bad download', async () => {
    const good = readFileSync(realModel);
    let served = 0;
    const server = createServer((req, res) => {
      served++;
      res.end(req.url === '/truncated' ? good.subarray(0, 1000) : good);
    }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const cache = mkdtempSync(join(tmpdir(), 'webside-cache-'));
      await expect(provideFaceModel({}, cache, `${base}/truncated`)).rejects.toThrow(/1000 bytes, expected 3758596/);
      expect(existsSync(join(cache, 'face_landmarker.task'))).toBe(false);
      const first = await provideFaceModel({}, cache, `${base}/model`);
      expect(first.byteLength).toBe(MODEL_BYTES);
      const again = await provideFaceModel({}, cache, `${base}/model`);
      expect(again.byteLength).toBe(MODEL_BYTES);
      expect(served).toBe(2); // the truncated attempt and one good download; the third came from the cache
    } finally {
      server.close();
    }
  });

  it('says what to do when the download is impossible', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'webside-cache-'));
    await expect(provideFaceModel({}, cache, 'http://127.0.0.1:9/none')).rejects.toThrow(
      /WEBSIDE_FACE_MODEL is not set and downloading .* failed.*Set WEBSIDE_FACE_MODEL/,
    );
  });
});
