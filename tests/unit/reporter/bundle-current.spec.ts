import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

const SCRIPT = fileURLToPath(new URL('../../../packages/reporter/scripts/bundle.mjs', import.meta.url));

// The package's main entry is a bundle of src/ made after tsc: every integration test that loads
// '@panoptic/reporter' runs it, so a stale one would test the code of an earlier build.
test("the reporter's bundled entry is what its sources bundle to now", () => {
  const check = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});
