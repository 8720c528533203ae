import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { DEFAULT_OUTPUT, resolveOutputDir } from '@panoptic/config';
import { UsageError, isSystemError } from '../usage-error.js';
import { notesForStoppedApps } from './local-apps.js';
import { lockOutputFolders } from './output-lock.js';
import { prepareOutputFolder } from './output-folder.js';
import { validateSuites } from './validate.js';

const require = createRequire(import.meta.url);

export interface RunOptions {
  output?: string;
  /** Arguments passed through to `playwright test` (after `--`). */
  playwrightArgs?: string[];
  cwd?: string;
}

/**
 * The config `panoptic run` hands to Playwright: the suites as projects, a list reporter, Panoptic's
 * reporter, Playwright's HTML report in the output folder, and last the lines saying where each report
 * is. Imports are absolute URLs so the file works from any folder.
 */
function runConfigSource(files: string[], outputDir: string, outputFromCommandLine: boolean, cwd: string): string {
  const fixturesConfig = pathToFileURL(require.resolve('@panoptic/fixtures/config')).href;
  const reporter = require.resolve('@panoptic/reporter');
  const options = outputFromCommandLine ? { output: outputDir } : {};
  const reporters = [
    ['list'],
    [reporter, { outputDir }],
    ['html', { outputFolder: path.join(outputDir, 'playwright-report'), open: 'never' }],
    [fileURLToPath(new URL('../reports/locations-reporter.js', import.meta.url))],
  ];
  return [
    '// Written by `panoptic run`; safe to delete.',
    `import { fromSuites } from ${JSON.stringify(fixturesConfig)};`,
    'export default {',
    `  ...fromSuites(${JSON.stringify(files)}, ${JSON.stringify(options)}),`,
    // Playwright prints file locations relative to the root config's testDir (its rootDir): the
    // working folder, so a failing action reads `suites/login.yaml:14:9`, not a path from this
    // config's own folder. The suites' projects keep their own testDir.
    `  testDir: ${JSON.stringify(cwd)},`,
    `  reporter: ${JSON.stringify(reporters)},`,
    '};',
    '',
  ].join('\n');
}

/** Runs `playwright test` with the generated config; SIGINT and SIGTERM go to it, so cleanup runs after it ends. */
function runPlaywright(configFile: string, args: string[], cwd: string): Promise<number> {
  const cli = require.resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', '-c', configFile, ...args], { cwd, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  }).finally(() => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  });
}

/**
 * Writes the run's own config under a name no other run uses: two runs into one folder must never
 * load each other's config. `wx` refuses to reuse, or write through, a file already there.
 */
function writeRunConfig(own: string, source: string): string {
  const file = path.join(own, `playwright.config.${process.pid}-${randomBytes(6).toString('hex')}.mjs`);
  try {
    fs.writeFileSync(file, source, { flag: 'wx' });
  } catch (error) {
    if (!isSystemError(error)) throw error;
    throw new UsageError(`the run's Playwright config cannot be written in ${JSON.stringify(own)}: ${error.code}: ${error.message}`);
  }
  return file;
}

export async function runCommand(suites: string[], options: RunOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const files = suites.map((file) => path.resolve(cwd, file));
  // Warnings are printed by the config Playwright loads; here only errors stop the run early.
  const { valid, errors } = validateSuites(files, { outputFromCommandLine: options.output !== undefined });
  if (errors.length) {
    for (const error of errors) process.stderr.write(`error: ${error}\n`);
    process.stderr.write(`\n${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was run.\n`);
    return 1;
  }
  for (const note of await notesForStoppedApps(valid, cwd)) process.stderr.write(`${note}\n`);
  const shownOutput = options.output ?? valid[0]?.suite.output ?? DEFAULT_OUTPUT;
  const outputDir = path.resolve(cwd, shownOutput);
  try {
    // Without --output each suite writes its own `output`: every folder the run writes is locked.
    const folders = new Map([[outputDir, shownOutput]]);
    if (options.output === undefined) {
      for (const loaded of valid) folders.set(resolveOutputDir(loaded, { cwd }), loaded.suite.output ?? DEFAULT_OUTPUT);
    }
    const prepared = [...folders].map(([dir, shown]) => ({ dir, shown, own: prepareOutputFolder(dir, shown, cwd) }));
    const release = await lockOutputFolders(prepared);
    try {
      const configFile = writeRunConfig(path.join(outputDir, '.panoptic'), runConfigSource(files, outputDir, options.output !== undefined, cwd));
      try {
        return await runPlaywright(configFile, options.playwrightArgs ?? [], cwd);
      } finally {
        fs.rmSync(configFile, { force: true });
      }
    } finally {
      await release();
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}; nothing was run.\n`);
    return 1;
  }
}
