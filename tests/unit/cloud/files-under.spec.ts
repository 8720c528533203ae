import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { filesUnder } from '@panoptic/cloud';

test('files in tree order, links listed and not followed, the skipped folder left out', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-files-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-outside-'));
  try {
    for (const file of ['b.txt', 'a/x.png', 'a/deep/y.json', 'a-b', '.panoptic/config.mjs', 'nested/.panoptic/kept.txt']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), file);
    }
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside');
    fs.symlinkSync(outside, path.join(dir, 'linked-folder'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'a', 'linked-file'));

    const all = await filesUnder(dir);
    expect(all.files).toEqual(['.panoptic/config.mjs', 'a/deep/y.json', 'a/x.png', 'a-b', 'b.txt', 'nested/.panoptic/kept.txt']);
    expect(all.links).toEqual(['a/linked-file', 'linked-folder']);

    const skipped = await filesUnder(dir, '.panoptic');
    expect(skipped.files).toEqual(['a/deep/y.json', 'a/x.png', 'a-b', 'b.txt', 'nested/.panoptic/kept.txt']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
