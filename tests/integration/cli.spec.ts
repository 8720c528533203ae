import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { flatTests, repoRoot, runPanoptic, runPlaywright, writeProject } from '../helpers/inline.js';

const demo = useDemoServer();

const BAD_SUITE = `name: Bad
apps:
  - name: web
    type: web
    url: http://127.0.0.1:9/
    actions:
      - name: go
        type: clik
        selector: "#a"
settings:
  scrennshot_format: png
  cloud:
    provider: aws
    secret_key: do-not-print-me
    bogus: 1
`;

test('validate reports every error with file:line:col, did-you-mean, and exit code 1', async () => {
  const dir = writeProject({ 'bad.yaml': BAD_SUITE, 'syntax.yaml': 'apps:\n  - name: x\n   type: web\n' });
  const run = await runPanoptic(dir, ['validate', 'bad.yaml', 'syntax.yaml']);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain('bad.yaml:8:15 - apps[0].actions[0].type: unknown action type "clik"; did you mean "click"?');
  expect(run.stderr).toContain('bad.yaml:11:3 - settings.scrennshot_format: unknown key; did you mean "screenshot_format"?');
  expect(run.stderr).toContain('bad.yaml:15:5 - settings.cloud.bogus: unknown key');
  expect(run.stderr).toMatch(/syntax\.yaml:3:\d+ - YAML/);
  expect(run.output).not.toContain('do-not-print-me');
});

test('validate accepts a suite with a setting that has no effect, with a located warning', async () => {
  const suite = `apps:
  - name: web
    type: web
    url: ${demo.url}/
    actions:
      - name: look
        type: enterprise_status
settings:
  buffer_size_kb: 64
`;
  const dir = writeProject({ 'suite.yaml': suite });
  const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
  expect(run.exitCode, run.output).toBe(0);
  // Every action type is available now: the enterprise one validates without a warning.
  expect(run.stderr).not.toContain('enterprise_status');
  expect(run.stderr).toMatch(/warning: suite\.yaml:9:3 - settings\.buffer_size_kb/);
  expect(run.stdout).toContain('suite.yaml: valid (1 app)');
});

test('an invalid suite stops `playwright test` before anything runs', async () => {
  const dir = writeProject({ 'bad.yaml': BAD_SUITE, 'playwright.config.ts': suitesConfig(['bad.yaml']) });
  const run = await runPlaywright(dir);
  expect(run.exitCode).toBe(1);
  expect(run.output).toContain('bad.yaml:8:15');
  expect(run.output).toContain('did you mean "click"?');
  expect(run.output).not.toContain('do-not-print-me');
  expect(fs.existsSync(path.join(dir, 'panoptic-results'))).toBe(false);
});

function smokeSuite(url: string, output: string): string {
  return `name: Smoke
output: ${output}
apps:
  - name: home
    type: web
    url: ${url}/
    actions:
      - name: shot
        type: screenshot
`;
}

test('run plays a suite through Playwright, writes the HTML report and forwards arguments after --', async () => {
  const dir = writeProject({ 'suite.yaml': smokeSuite(demo.url, 'out-from-suite') });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--', '--reporter=list,json', '--workers=1']);
  expect(run.exitCode, run.output).toBe(0);
  expect(flatTests(run.report).map((t) => [t.project, t.status])).toEqual([['home', 'passed']]);
  expect(fs.existsSync(path.join(dir, 'out-from-suite', 'report', 'index.html'))).toBe(false); // --reporter replaced the config's reporters
  const results = fs.readdirSync(path.join(dir, 'out-from-suite', 'test-results'), { recursive: true }).map(String);
  expect(results.some((file) => file.endsWith(`${path.sep}shot.png`))).toBe(true);
});

test('run --output wins over the suite, and a failing suite exits non-zero', async () => {
  const failing = smokeSuite(demo.url, 'ignored').replace('type: screenshot', 'type: click\n        selector: "#missing"') + 'settings:\n  element_timeout: 1\n';
  const dir = writeProject({ 'suite.yaml': failing });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--output', 'chosen']);
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toContain('1 failed');
  expect(fs.existsSync(path.join(dir, 'chosen', 'report', 'index.html'))).toBe(true);
  expect(fs.existsSync(path.join(dir, 'ignored'))).toBe(false);
});

test('run refuses an invalid suite without starting Playwright', async () => {
  const dir = writeProject({ 'bad.yaml': BAD_SUITE });
  const run = await runPanoptic(dir, ['run', 'bad.yaml']);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain('nothing was run');
  expect(run.stdout).not.toContain('Running');
});

test('npm links the panoptic command at install (its entry exists before the build), and --version prints the package version', async () => {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'panoptic');
  expect(fs.realpathSync(bin)).toBe(path.join(repoRoot, 'packages', 'cli', 'bin', 'panoptic.js'));
  expect(fs.statSync(bin).mode & 0o111, 'the entry is executable').not.toBe(0);
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string };
  expect(version.stdout.trim(), version.stderr).toBe(manifest.version);
  expect(version.status).toBe(0);
});

test('the panoptic entry says to build first when dist/ is not built yet, instead of a stack trace', () => {
  const dir = writeProject({});
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(repoRoot, 'packages', 'cli', 'bin', 'panoptic.js'), path.join(dir, 'bin', 'panoptic.js'));
  const run = spawnSync(process.execPath, [path.join(dir, 'bin', 'panoptic.js'), '--version'], { encoding: 'utf8' });
  expect(run.stderr).toBe('error: panoptic is not built yet: run `npm run build` (or `npm run demo`) in the repository first\n');
  expect(run.status).toBe(1);
});

test('run ends by listing where each report and the artifacts are, relative to the working directory', async () => {
  const dir = writeProject({ 'suites/suite.yaml': smokeSuite(demo.url, 'out') });
  const run = await runPanoptic(dir, ['run', 'suites/suite.yaml']);
  expect(run.exitCode, run.output).toBe(0);
  const listed = run.stdout.slice(run.stdout.lastIndexOf('Reports:'));
  const rows = [
    ['Panoptic HTML report', 'out/report/index.html'],
    ['Panoptic JSON summary', 'out/summary.json'],
    ['Panoptic Markdown summary', 'out/summary.md'],
    ['Playwright HTML report', 'out/playwright-report/index.html'],
    ['Artifacts', 'out/test-results/'],
  ];
  for (const [label, file] of rows) {
    expect(listed).toMatch(new RegExp(`^  ${label} +${file!.replaceAll('/', `\\${path.sep}`)}`, 'm'));
    expect(fs.existsSync(path.join(dir, file!)), `${file} exists`).toBe(true);
  }
  expect(listed).toContain(`npx playwright show-report ${path.join('out', 'playwright-report')}`);
  expect(listed, 'no path of this machine').not.toContain(fs.realpathSync(dir));
  expect(listed).not.toContain(dir);
});

test('run lists no reports when no test ran (--list)', async () => {
  const dir = writeProject({ 'suite.yaml': smokeSuite(demo.url, 'out') });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', '--', '--list']);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stdout).toContain('Total: 1 test');
  expect(run.stdout).not.toContain('Reports:');
});

test('run says first when an app on this machine has no server answering', async () => {
  const closed = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const dir = writeProject({ 'suite.yaml': smokeSuite(`http://127.0.0.1:${closed}`, 'out'), 'up.yaml': smokeSuite(demo.url, 'out').replace('name: home', 'name: up') });
  const run = await runPanoptic(dir, ['run', 'suite.yaml', 'up.yaml']);
  expect(run.stderr).toContain(`note: nothing answers at http://127.0.0.1:${closed} (app "home" of suite.yaml): start it first\n`);
  expect(run.stderr).not.toContain('app "up"');
  expect(run.stderr.indexOf('note: nothing answers'), 'the note comes before the run').toBeLessThan(run.output.indexOf('Running'));
  expect(run.exitCode).toBe(1);
});
