import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { cloudOptionsFromSettings, createProvider, type StorageProvider } from '@panoptic/cloud';
import { useDemoServer, suitesConfig } from '../../helpers/demo.js';
import { runPanoptic, runPlaywright, testOf, writeProject } from '../../helpers/inline.js';

// A suite is data that may come from anywhere: it must never make a run write or delete outside the
// folder the run starts in, neither through the local store's folder or prefix, nor through a
// symbolic link planted inside that folder, nor through retention deleting what it did not write.

const demo = useDemoServer();

const WEB_APP = ['apps:', '  - name: web', '    type: web', '    url: https://example.com'];

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `panoptic-${name}-`));
}

function suiteText(...lines: string[]): string {
  return `${[...WEB_APP, ...lines].join('\n')}\n`;
}

async function localStore(folder: string): Promise<StorageProvider> {
  return createProvider(cloudOptionsFromSettings({ provider: 'local', bucket: folder }, {}, folder));
}

test.describe('a suite cannot point the local store outside the working directory', () => {
  test('settings.cloud.bucket climbing out with ".." is refused at its line', async () => {
    const dir = writeProject({ 'suite.yaml': suiteText('settings:', '  cloud:', '    provider: local', '    bucket: ../../elsewhere') });
    const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.stderr).toContain(
      'suite.yaml:8:13 - settings.cloud.bucket: store folder "../../elsewhere" (provider "local") is outside the working directory; use a folder inside it, or give the folder on the command line (--bucket or PANOPTIC_CLOUD_BUCKET)',
    );
  });

  test('an absolute settings.cloud.bucket elsewhere, and a bucket without a provider (local by default), are refused', async () => {
    const outside = tempDir('outside');
    const dir = writeProject({ 'suite.yaml': suiteText('settings:', '  cloud:', `    bucket: ${outside}`) });
    const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.stderr).toContain(`suite.yaml:7:13 - settings.cloud.bucket: store folder ${JSON.stringify(outside)} (provider "local") is outside the working directory`);
  });

  test('a settings.cloud.prefix with a ".." segment is refused at its line, for every provider', async () => {
    const dir = writeProject({
      'suite.yaml': suiteText('settings:', '  cloud:', '    provider: aws', '    bucket: shared', '    prefix: team/../../other-team'),
    });
    const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.stderr).toContain('suite.yaml:9:13 - settings.cloud.prefix: prefix "team/../../other-team" has a "." or ".." segment, which climbs out of the store');
  });

  test('a bucket folder that is a symbolic link to outside the working directory is refused', async () => {
    const outside = tempDir('outside');
    const dir = writeProject({ 'suite.yaml': suiteText('settings:', '  cloud:', '    provider: local', '    bucket: store/runs') });
    fs.symlinkSync(outside, path.join(dir, 'store'), 'dir');
    const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.stderr).toContain('settings.cloud.bucket: store folder "store/runs" (provider "local") is outside the working directory');
  });

  test('an output folder that is a symbolic link to outside the working directory is refused', async () => {
    const outside = tempDir('outside');
    const dir = writeProject({ 'suite.yaml': suiteText('output: results/today') });
    fs.symlinkSync(outside, path.join(dir, 'results'), 'dir');
    const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
    expect(run.exitCode, run.output).toBe(1);
    expect(run.stderr).toContain('output: output folder "results/today" is outside the working directory');
  });

  test('a folder inside stays valid; one given on the command line stays the user\'s choice', async () => {
    const outside = tempDir('outside');
    const dir = writeProject({ 'suite.yaml': suiteText('settings:', '  cloud:', '    provider: local', `    bucket: ${outside}`) });
    fs.mkdirSync(path.join(dir, 'inside'));
    fs.writeFileSync(path.join(dir, 'inside', 'a.txt'), 'a');
    const refused = await runPanoptic(dir, ['upload', 'inside', '--suite', 'suite.yaml', '--run-id', 'r1']);
    expect(refused.exitCode, refused.output).toBe(1);
    expect(refused.output).toContain('settings.cloud.bucket');
    const chosen = await runPanoptic(dir, ['upload', 'inside', '--suite', 'suite.yaml', '--run-id', 'r1', '--bucket', outside]);
    expect(chosen.exitCode, chosen.output).toBe(0);
    expect(fs.readdirSync(outside, { recursive: true }).map(String)).toContain(path.join('panoptic', 'default', 'r1', 'all', 'a.txt'));

    const inside = writeProject({ 'suite.yaml': suiteText('settings:', '  cloud:', '    provider: local', '    bucket: store', '    prefix: ci/nightly') });
    const valid = await runPanoptic(inside, ['validate', 'suite.yaml']);
    expect(valid.exitCode, valid.output).toBe(0);
  });
});

test.describe('symbolic links inside the local store are never followed out of it', () => {
  test('a metadata sidecar folder linked outside: a put writes no sidecar there', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    const provider = await localStore(store);
    fs.symlinkSync(outside, path.join(store, '.panoptic', 'meta', 'runs'), 'dir');
    await expect(provider.put('runs/a.txt', Buffer.from('a'), { contentType: 'text/plain' })).rejects.toThrow(/outside the store's metadata folder/);
    expect(fs.readdirSync(outside)).toEqual([]);
    // Refused whole: no file without its metadata either.
    expect(fs.existsSync(path.join(store, 'runs', 'a.txt'))).toBe(false);
  });

  test('a metadata sidecar folder linked outside: deleting a key deletes no file there', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    const provider = await localStore(store);
    await provider.put('runs/victim', Buffer.from('v'), { contentType: 'text/plain' });
    fs.rmSync(path.join(store, '.panoptic', 'meta', 'runs'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'victim.json'), 'precious');
    fs.symlinkSync(outside, path.join(store, '.panoptic', 'meta', 'runs'), 'dir');
    await expect(provider.delete(['runs/victim'])).rejects.toThrow(/outside the store's metadata folder/);
    expect(fs.readFileSync(path.join(outside, 'victim.json'), 'utf8')).toBe('precious');
  });

  test('a metadata sidecar linked to a file outside: head does not read it', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    const provider = await localStore(store);
    await provider.put('runs/report.txt', Buffer.from('r'), { contentType: 'text/plain' });
    const secret = path.join(outside, 'secret.json');
    fs.writeFileSync(secret, JSON.stringify({ contentType: 'text/plain', metadata: { stolen: 'yes' } }));
    const sidecar = path.join(store, '.panoptic', 'meta', 'runs', 'report.txt.json');
    fs.rmSync(sidecar);
    fs.symlinkSync(secret, sidecar);
    await expect(provider.head('runs/report.txt')).rejects.toThrow(/outside the store's metadata folder/);
  });

  test('a metadata sidecar linked to a file outside: a put replaces the link and leaves the file alone', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    const provider = await localStore(store);
    await provider.put('runs/report.txt', Buffer.from('r'), { contentType: 'text/plain' });
    const target = path.join(outside, 'bashrc');
    fs.writeFileSync(target, 'original');
    const sidecar = path.join(store, '.panoptic', 'meta', 'runs', 'report.txt.json');
    fs.rmSync(sidecar);
    fs.symlinkSync(target, sidecar);
    await provider.put('runs/report.txt', Buffer.from('r2'), { contentType: 'text/plain' });
    expect(fs.readFileSync(target, 'utf8')).toBe('original');
    expect(fs.lstatSync(sidecar).isSymbolicLink()).toBe(false);
  });

  test('a data folder linked outside: put, get, head and delete through it are refused and touch nothing there', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    fs.writeFileSync(path.join(outside, 'victim.txt'), 'precious');
    const provider = await localStore(store);
    fs.symlinkSync(outside, path.join(store, 'runs'), 'dir');
    await expect(provider.put('runs/new.txt', Buffer.from('n'), { contentType: 'text/plain' })).rejects.toThrow(/outside the store folder/);
    await expect(provider.get('runs/victim.txt')).rejects.toThrow(/outside the store folder/);
    await expect(provider.head('runs/victim.txt')).rejects.toThrow(/outside the store folder/);
    await expect(provider.delete(['runs/victim.txt'])).rejects.toThrow(/outside the store folder/);
    expect(fs.readdirSync(outside)).toEqual(['victim.txt']);
    expect(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('precious');
  });

  test('a folder linked outside is not listed through a prefix that names it', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    fs.writeFileSync(path.join(outside, 'private.txt'), 'p');
    const provider = await localStore(store);
    fs.symlinkSync(outside, path.join(store, 'linked'), 'dir');
    const listed: string[] = [];
    for await (const object of provider.list('linked/')) listed.push(object.key);
    expect(listed).toEqual([]);
  });

  test('the store\'s temp folder linked outside: the store refuses to open', async () => {
    const store = tempDir('store');
    const outside = tempDir('outside');
    fs.mkdirSync(path.join(store, '.panoptic'));
    fs.symlinkSync(outside, path.join(store, '.panoptic', 'tmp'), 'dir');
    await expect(localStore(store)).rejects.toThrow(/\.panoptic[/\\]tmp must be a folder of the local store, found a symbolic link/);
  });
});

function setTree(folder: string, date: Date): void {
  for (const entry of fs.readdirSync(folder, { recursive: true })) fs.utimesSync(path.join(folder, String(entry)), date, date);
  fs.utimesSync(folder, date, date);
}

test('cloud_cleanup with retention_days 1 never deletes folders Panoptic did not write under its prefix, but deletes its own old runs', async () => {
  const suite = JSON.stringify({
    name: 'Cleanup',
    apps: [{ name: 'web', type: 'web', url: `${demo.url}/dashboard`, actions: [{ name: 'shot', type: 'screenshot' }, { name: 'sync', type: 'cloud_sync' }, { name: 'cleanup', type: 'cloud_cleanup' }] }],
    settings: { cloud: { provider: 'local', bucket: 'store', prefix: 'home', retention_days: 1 } },
  });
  const dir = writeProject({ 'suite.yaml': suite, 'playwright.config.ts': suitesConfig(['suite.yaml']) });
  const first = await runPlaywright(dir, [], { PANOPTIC_RUN_ID: 'old-run' });
  expect(first.exitCode, first.output).toBe(0);
  const oldRun = path.join(dir, 'store', 'home', 'Cleanup', 'old-run');
  expect(fs.existsSync(oldRun)).toBe(true);

  // Someone else's files under the same prefix, years old: two folders of one "project", so that
  // not even the rule "keep each project's newest run" would save the older one.
  const year2020 = new Date('2020-01-15T00:00:00Z');
  const foreign = path.join(dir, 'store', 'home', 'team-a', 'old-project', 'report.txt');
  const older = path.join(dir, 'store', 'home', 'team-a', 'older-project', 'notes.txt');
  for (const file of [foreign, older]) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'not Panoptic\'s');
  }
  setTree(path.join(dir, 'store', 'home', 'team-a'), year2020);
  fs.utimesSync(older, new Date('2019-06-01T00:00:00Z'), new Date('2019-06-01T00:00:00Z'));
  setTree(oldRun, year2020);

  const second = await runPlaywright(dir, [], { PANOPTIC_RUN_ID: 'new-run' });
  expect(second.exitCode, second.output).toBe(0);
  const attachment = testOf(second.report, 'web').attachments.find((a) => a.name === 'cloud-cleanup.json');
  const result = JSON.parse(fs.readFileSync(attachment!.path!, 'utf8')) as { deletedRuns: { project: string; runId: string }[] };
  expect(result.deletedRuns.map((run) => `${run.project}/${run.runId}`)).toEqual(['Cleanup/old-run']);
  expect(fs.readFileSync(foreign, 'utf8')).toBe('not Panoptic\'s');
  expect(fs.readFileSync(older, 'utf8')).toBe('not Panoptic\'s');
  expect(fs.existsSync(oldRun)).toBe(false);
});
