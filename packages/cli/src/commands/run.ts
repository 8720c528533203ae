import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { DEFAULT_OUTPUT } from '@panoptic/config';
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
 * reporter and Playwright's HTML report in the output folder. Imports are absolute URLs so the file works from any folder.
 */
export function runConfigSource(files: string[], outputDir: string, outputFromCommandLine: boolean): string {
  const fixturesConfig = pathToFileURL(require.resolve('@panoptic/fixtures/config')).href;
  const reporter = require.resolve('@panoptic/reporter');
  const options = outputFromCommandLine ? { output: outputDir } : {};
  const reporters = [
    ['list'],
    [reporter, { outputDir }],
    ['html', { outputFolder: path.join(outputDir, 'playwright-report'), open: 'never' }],
  ];
  return [
    '// Written by `panoptic run`; safe to delete.',
    `import { fromSuites } from ${JSON.stringify(fixturesConfig)};`,
    'export default {',
    `  ...fromSuites(${JSON.stringify(files)}, ${JSON.stringify(options)}),`,
    `  reporter: ${JSON.stringify(reporters)},`,
    '};',
    '',
  ].join('\n');
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
  const outputDir = path.resolve(cwd, options.output ?? valid[0]?.suite.output ?? DEFAULT_OUTPUT);
  const configDir = path.join(outputDir, '.panoptic');
  fs.mkdirSync(configDir, { recursive: true });
  const configFile = path.join(configDir, 'playwright.config.mjs');
  fs.writeFileSync(configFile, runConfigSource(files, outputDir, options.output !== undefined));
  const cli = require.resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', '-c', configFile, ...(options.playwrightArgs ?? [])], {
    cwd,
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
