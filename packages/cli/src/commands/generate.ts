import path from 'node:path';
import type { GenerateResult } from '@panoptic/ai';
import type { CommandIo } from '../command-io.js';
import { plural } from '../format.js';
import { wholeNumber } from '../options/numbers.js';
import { formatGenerationReport, readGenerationReport } from './generate-report.js';

export interface GenerateFlags {
  out?: string;
  /** `--report` alone: print the new generation's report; with a file or folder: print that earlier one. */
  report?: string | boolean;
  depth?: string;
  maxTests?: string;
  maxStates?: string;
  stateDepth?: string;
  stateSeconds?: string;
  name?: string;
}

function summary(result: GenerateResult, files: { spec: string; yaml: string; report: string }, cwd: string): string[] {
  const rel = (file: string) => path.relative(cwd, file) || file;
  return [
    `explored ${plural(result.pages.length, 'page')} from ${result.startUrl}`,
    `${plural(result.tests.length, 'test')} generated, each replayed twice (and as YAML) before it was kept; ${plural(result.merged.length, 'duplicate')} merged, ${result.flaky.length} flaky and ${plural(result.skipped.length, 'candidate')} left out (reasons in ${rel(files.report)})`,
    `  spec: ${rel(files.spec)}   (npx playwright test ${rel(files.spec)})`,
    `  YAML: ${rel(files.yaml)}   (npx panoptic run ${rel(files.yaml)})`,
  ];
}

/**
 * `panoptic generate <url> --out <dir>`: explores the app with the Chromium Panoptic finds and writes
 * a Playwright spec, the equivalent YAML suite and a report of what was left out. With `--report`
 * it also prints that report readably; `--report <file|dir>` without a URL prints an earlier one.
 */
export async function generateCommand(url: string | undefined, flags: GenerateFlags, io: CommandIo = {}): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  try {
    if (url === undefined) {
      if (typeof flags.report !== 'string') throw new Error('give the <url> to explore (with --out <dir>), or --report <file|dir> to read an earlier generation');
      for (const line of formatGenerationReport(readGenerationReport(flags.report, cwd).report)) stdout.write(`${line}\n`);
      return 0;
    }
    if (!flags.out) throw new Error("required option '-o, --out <dir>' not specified");
    const depth = flags.depth !== undefined ? wholeNumber(flags.depth, '--depth', 0) : undefined;
    const maxTests = flags.maxTests !== undefined ? wholeNumber(flags.maxTests, '--max-tests', 1) : undefined;
    const bounds = {
      ...(flags.maxStates !== undefined ? { maxStates: wholeNumber(flags.maxStates, '--max-states', 0) } : {}),
      ...(flags.stateDepth !== undefined ? { stateDepth: wholeNumber(flags.stateDepth, '--state-depth', 0) } : {}),
      ...(flags.stateSeconds !== undefined ? { stateSeconds: wholeNumber(flags.stateSeconds, '--state-seconds', 0) } : {}),
    };
    const { chromiumLaunchOptions } = await import('@panoptic/fixtures/config');
    const { generate, writeGenerated } = await import('@panoptic/ai');
    const result = await generate(url, {
      launchOptions: chromiumLaunchOptions(cwd).launchOptions ?? {},
      ...(depth !== undefined ? { depth } : {}),
      ...(maxTests !== undefined ? { maxTests } : {}),
      ...bounds,
      ...(flags.name ? { name: flags.name } : {}),
    });
    const files = await writeGenerated(result, path.resolve(cwd, flags.out));
    for (const line of summary(result, files, cwd)) stdout.write(`${line}\n`);
    if (flags.report) for (const line of ['', ...formatGenerationReport(result)]) stdout.write(`${line}\n`);
    if (!result.tests.length) {
      stderr.write('error: no test could be generated; see the report for why each candidate was left out\n');
      return 1;
    }
    return 0;
  } catch (error) {
    stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
