import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { repoRoot, writeProject } from '../helpers/inline.js';

// `npm run demo -- --dashboard` (scripts/demo.mjs): a server starts on PGlite in the demo's output
// folder, the run publishes to it with a key made for it, and the URL and the admin login are
// printed; the dashboard then answers with the run, and its screenshot through a signed link into
// the demo's store, until SIGINT. The demo's arguments reach `playwright test`, so this plays a
// one-test suite of the same shape as the templates (output panoptic-results, a local store).

const demo = useDemoServer();

const suite = (url: string) => `name: Dashboard demo
output: panoptic-results
apps:
  - name: home
    type: web
    url: ${url}/
    actions:
      - name: capture_home
        type: screenshot
        parameters:
          filename: home.png
settings:
  cloud:
    provider: local
    bucket: panoptic-store
    prefix: demo
`;

const config = `import { defineConfig } from '@playwright/test';
import { fromSuites } from '@panoptic/fixtures/config';
export default defineConfig({ ...fromSuites(['suite.yaml']), reporter: [['list'], ['@panoptic/reporter']] });
`;

test('--dashboard: publishes the run to a server on the output folder, prints its URL and login, serves until SIGINT', async () => {
  const dir = writeProject({ 'suite.yaml': suite(demo.url), 'playwright.config.ts': config });
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'demo.mjs'), '--dashboard'], {
    cwd: dir,
    env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '', PANOPTIC_DEMO_PORT: '0', PANOPTIC_SCRYPT_COST: '14' },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 120_000 }).toMatch(/Serving until Ctrl-C/);
    const dashboard = /Dashboard of the demo's runs: (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    const password = /Sign in as "admin" with the password (\S+)/.exec(output)?.[1] ?? '';
    const runId = /published run (\S+) to /.exec(output)?.[1] ?? '';
    expect(runId, output).not.toBe('');
    expect(fs.existsSync(path.join(dir, 'panoptic-results', '.panoptic', 'server')), 'the database is in the output folder').toBe(true);

    const session = await fetch(new URL('/api/v1/sessions', dashboard), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(session.status).toBe(201);
    const cookie = `panoptic_session=${((await session.json()) as { token: string }).token}`;
    const read = async (address: string) => (await fetch(new URL(address, dashboard), { headers: { cookie } })).text();
    const runs = await read(dashboard);
    expect(runs).toContain(runId);

    const testLink = /href="([^"]*\/test\?key=[^"]+)"/.exec(await read(`${new URL(dashboard).pathname}/runs/${runId}`))?.[1] ?? '';
    const testPage = await read(testLink.replace(/&amp;/g, '&'));
    const image = /<img src="([^"]+)"/.exec(testPage)?.[1] ?? '';
    expect(image, `the run's screenshot is linked from the demo's store:\n${testPage}`).toMatch(/^\/dashboard\/artifact\?t=/);
    const shot = await fetch(new URL(image, dashboard));
    expect(shot.status).toBe(200);
    expect(shot.headers.get('content-type')).toBe('image/png');
  } finally {
    child.kill('SIGINT');
    expect(await exited, output).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(output).toContain('Panoptic server stopped');
});
