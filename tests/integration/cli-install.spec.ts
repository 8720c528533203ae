import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { repoRoot } from '../helpers/inline.js';
import { exec, installPacked, type PackedProject } from '../helpers/packed-install.js';
import { PUBLISHED_PACKAGES } from '../helpers/packages.js';

// The `panoptic` command installed as a user would (`npm install -D panoptic`, from packed tarballs):
// npm links its bin, it validates and runs a suite with every package it needs, and it ends by
// listing the reports, whose reporter it finds inside its own installed package.

test.describe.configure({ mode: 'default', timeout: 120_000 });

const demo = useDemoServer();
let project: PackedProject | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const suite = ['name: Installed', 'apps:', '  - name: home', '    type: web', `    url: ${demo.url}/`, '    actions:', '      - { name: shot, type: screenshot }', ''];
  project = await installPacked({
    packages: [...PUBLISHED_PACKAGES],
    install: ['panoptic'],
    devDependencies: ['@playwright/test'],
    files: { 'suite.yaml': suite.join('\n') },
  });
});

test.afterAll(() => project?.remove());

test('npx panoptic from an install prints its version, validates and runs a suite, and lists the reports', async () => {
  const app = project!.app;
  const version = await exec('npx', ['panoptic', '--version'], app);
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', 'cli', 'package.json'), 'utf8')) as { version: string };
  expect(version.stdout.trim(), version.output).toBe(manifest.version);
  const validate = await exec('npx', ['panoptic', 'validate', 'suite.yaml'], app);
  expect(validate.exitCode, validate.output).toBe(0);
  const run = await exec('npx', ['panoptic', 'run', 'suite.yaml'], app);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`^  Panoptic HTML report +${path.join('panoptic-results', 'report', 'index.html').replaceAll('\\', '\\\\')}$`, 'm'));
  expect(fs.existsSync(path.join(app, 'panoptic-results', 'summary.json'))).toBe(true);
});
