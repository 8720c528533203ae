import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { writeProject } from '../helpers/inline.js';
import { filesUnder } from '../helpers/playwright-report.js';
import { runCli, readSummary } from '../helpers/reporter.js';

// enable_sync + sync_interval + delete_local_after_sync, as the performance guide sets them (with a
// short interval): finished tests' files go to the store while the run goes on and leave the disk.

const BLOBS = 6;
const BLOB_BYTES = 256 * 1024;
// A 1x1 PNG; the blobs are it plus padding, so reports treat them as screenshots. Attached files are
// copies Playwright makes as blob-<i>-<sha1>.png.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function blob(i: number): Buffer {
  const png = Buffer.from(PNG, 'base64');
  return Buffer.concat([png, Buffer.alloc(BLOB_BYTES - png.length, i)]);
}

const shared = `
import fs from 'node:fs';
import path from 'node:path';
export const PNG = '${PNG}';
export function named(root, pattern) {
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String).filter((f) => pattern.test(f)) : [];
}
`;

// One worker writes a file per test; before writing, each test records how many earlier files are
// still on disk, then waits until the sync has taken them away.
const blobsSpec = `
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { named, PNG } from './shared.js';
test.describe.configure({ mode: 'serial' });
for (let i = 0; i < ${BLOBS}; i++) {
  test('blob ' + i, async ({}, testInfo) => {
    const local = testInfo.project.outputDir;
    fs.appendFileSync('disk.log', named(local, /blob-\\d+-[0-9a-f]+\\.png$/).length + '\\n');
    await expect.poll(() => named(local, /blob-\\d+-[0-9a-f]+\\.png$/), { timeout: 20_000 }).toEqual([]);
    const png = Buffer.from(PNG, 'base64');
    const file = testInfo.outputPath('blob-' + i + '.png');
    fs.writeFileSync(file, Buffer.concat([png, Buffer.alloc(${BLOB_BYTES} - png.length, i)]));
    await testInfo.attach('blob-' + i, { path: file, contentType: 'image/png' });
    // Playwright attached a copy; the copy is what the sync takes.
    fs.rmSync(file);
  });
}
`;

// The other worker writes a recording across those syncs: it is attached, and so uploaded, only at its end.
const recordingSpec = `
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { named } from './shared.js';
test('recording', async ({}, testInfo) => {
  const file = testInfo.outputPath('recording.webm');
  fs.writeFileSync(file, Buffer.alloc(100_000, 1));
  const store = path.join(testInfo.config.rootDir, 'store');
  await expect.poll(() => named(store, /blob-\\d+-[0-9a-f]+\\.png$/).length, { timeout: 20_000 }).toBe(${BLOBS});
  expect(named(store, /recording/)).toEqual([]);
  fs.appendFileSync(file, Buffer.alloc(100_000, 2));
  await testInfo.attach('recording', { path: file, contentType: 'video/webm' });
  fs.rmSync(file);
});
`;

const cloud = { provider: 'local', bucket: 'store', enable_sync: true, sync_interval: 0.2, delete_local_after_sync: true };
const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  outputDir: 'panoptic-results/test-results',
  workers: 2,
  reporter: [['list'], ['@panoptic/reporter', ${JSON.stringify({ cloud })}], ['html', { open: 'never', outputFolder: 'pw-report' }]],
});
`;

test('finished tests go up during the run and leave the disk; a recording goes up whole, once finished; reports link the stored copies', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'shared.js': shared, 'blobs.spec.ts': blobsSpec, 'recording.spec.ts': recordingSpec });
  const run = await runCli(dir, ['test'], { PANOPTIC_RUN_ID: 'live' });
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stderr).not.toContain('[panoptic-reporter] warning');

  // Bounded disk: each test began with at most one earlier file on disk, while six were written.
  const onDisk = fs.readFileSync(path.join(dir, 'disk.log'), 'utf8').trim().split('\n').map(Number);
  expect(onDisk).toHaveLength(BLOBS);
  expect(Math.max(...onDisk)).toBeLessThanOrEqual(1);
  const local = path.join(dir, 'panoptic-results', 'test-results');
  expect(fs.existsSync(local) ? filesUnder(local).filter((f) => /(blob-\d+|recording)-[0-9a-f]+\./.test(f)) : []).toEqual([]);

  const stored = path.join(dir, 'store', 'panoptic', 'default', 'live', 'all');
  const storedFiles = filesUnder(stored);
  for (let i = 0; i < BLOBS; i++) {
    const name = storedFiles.find((f) => new RegExp(`blob-${i}-[0-9a-f]+\\.png$`).test(f));
    expect(name, `blob ${i} in the store`).toBeDefined();
    expect(fs.readFileSync(path.join(stored, name!)).equals(blob(i))).toBe(true);
  }
  const recording = fs.readFileSync(path.join(stored, storedFiles.find((f) => /recording-[0-9a-f]+\.webm$/.test(f))!));
  expect(recording.equals(Buffer.concat([Buffer.alloc(100_000, 1), Buffer.alloc(100_000, 2)]))).toBe(true);

  // The local files were gone when the reports were written: both copied them from the store.
  const hasCopyOf = (folder: string, i: number) => filesUnder(folder).some((f) => fs.readFileSync(path.join(folder, f)).equals(blob(i)));
  for (let i = 0; i < BLOBS; i++) expect(hasCopyOf(path.join(dir, 'pw-report', 'data'), i), `Playwright report, blob ${i}`).toBe(true);
  expect(hasCopyOf(path.join(stored, 'report', 'data'), BLOBS - 1)).toBe(true);
  expect(readSummary(dir).uploads).toMatchObject({ failed: [] });
});
