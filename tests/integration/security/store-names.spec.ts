import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../../helpers/demo.js';
import { runPanoptic, writeProject } from '../../helpers/inline.js';

// Suite names become store folders, and each folder keeps one history. Names that differ only in
// characters a storage key cannot hold must still land in folders of their own.

const demo = useDemoServer();

function suite(name: string, app: string, url: string): string {
  return `name: ${JSON.stringify(name)}
apps:
  - name: ${app}
    type: web
    url: ${url}/
settings:
  cloud: { provider: local, bucket: store }
`;
}

test('suites named "Login flow", "Login-flow" and "Login/flow" keep separate store folders and histories', async () => {
  const names = ['Login flow', 'Login-flow', 'Login/flow'];
  const dir = writeProject(Object.fromEntries(names.map((name, i) => [`s${i}.yaml`, suite(name, `app${i}`, demo.url)])));
  for (const [i] of names.entries()) {
    // Each suite its own output folder, so the only thing they could share is the store.
    const run = await runPanoptic(dir, ['run', `s${i}.yaml`, '--output', `out-${i}`], { PANOPTIC_RUN_ID: `run-${i}` });
    expect(run.exitCode, run.output).toBe(0);
  }
  const folders = fs.readdirSync(path.join(dir, 'store', 'panoptic')).sort();
  expect(folders).toHaveLength(3);
  for (const folder of folders) {
    const history = JSON.parse(fs.readFileSync(path.join(dir, 'store', 'panoptic', folder, 'history.json'), 'utf8')) as { runs: unknown[] };
    // One run each: no suite's history counts another suite's runs.
    expect(history.runs, folder).toHaveLength(1);
  }
});
