import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../../helpers/inline.js';

// Large uploads are hashed on a thread of their own. That thread must give the same digests as
// hashing inline, must not keep a finished program alive, and must fail an upload whose file
// cannot be read instead of leaving it waiting.

const SCRIPT = `
import fs from 'node:fs';
import path from 'node:path';
const cloud = await import('@panoptic/cloud');
const dir = process.env.PANOPTIC_TEST_DIR;
const big = Buffer.alloc(3_000_000);
for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 9)) & 255;
fs.writeFileSync(path.join(dir, 'video.webm'), big);
const options = cloud.cloudOptionsFromSettings({ provider: 'local', bucket: 'store' }, {}, dir);
const provider = await cloud.createProvider(options);
const transfer = { ...options.transfer, multipartThresholdBytes: 1_000_000 };
const [stored] = await cloud.uploadFiles(provider, [{ file: path.join(dir, 'video.webm'), key: 'run/video.webm' }], transfer);
const info = await provider.head('run/video.webm');
console.log(JSON.stringify({ status: stored.status, sha256: info.metadata[cloud.SHA256_METADATA], md5: info.md5 }));
const [missing] = await cloud.uploadFiles(provider, [{ file: path.join(dir, 'gone.webm'), key: 'run/gone.webm' }], transfer);
console.log(JSON.stringify({ status: missing.status, error: missing.error }));
`;

test('a large upload is hashed off the main thread with the right digests, and the program still exits on its own', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-hash-thread-'));
  try {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], {
      cwd: repoRoot,
      env: { ...process.env, PANOPTIC_TEST_DIR: dir },
      encoding: 'utf8',
      // A hashing thread that held the process open would hit this instead of exiting.
      timeout: 60_000,
    });
    expect(run.signal, run.stderr).toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const [uploaded, missing] = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const big = fs.readFileSync(path.join(dir, 'video.webm'));
    expect(uploaded).toEqual({
      status: 'uploaded',
      sha256: createHash('sha256').update(big).digest('hex'),
      md5: createHash('md5').update(big).digest('hex'),
    });
    expect(missing.status).toBe('failed');
    expect(missing.error).toMatch(/gone\.webm.*ENOENT/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
