import fs from 'node:fs';
import path from 'node:path';
import type { GenerateResult } from '@panoptic/ai';
import { CommandError } from '../command-error.js';
import { plural } from '../format.js';

/** What `<name>.generated.json` holds: the generation without its spec and YAML text. */
export type GenerationReport = Omit<GenerateResult, 'spec' | 'yaml' | 'merged' | 'flaky'> & Partial<Pick<GenerateResult, 'merged' | 'flaky'>>;

function isReport(value: unknown): value is GenerationReport {
  const record = value as Partial<Record<keyof GenerationReport, unknown>> | null;
  return !!record && typeof record.name === 'string' && Array.isArray(record.pages) && Array.isArray(record.tests) && Array.isArray(record.skipped);
}

/** A `<name>.generated.json`, or the one such file in a folder `panoptic generate` wrote. */
export function readGenerationReport(input: string, cwd: string): { file: string; report: GenerationReport } {
  let file = path.resolve(cwd, input);
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    const found = fs.readdirSync(file).filter((name) => name.endsWith('.generated.json'));
    if (found.length !== 1) {
      const why = found.length ? `holds ${found.length} (${found.join(', ')}); name one` : 'holds no *.generated.json';
      throw new CommandError([`${input}: the folder ${why}`]);
    }
    file = path.join(file, found[0]!);
  }
  if (!fs.existsSync(file)) throw new CommandError([`${input}: no such file or folder`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CommandError([`${path.relative(cwd, file)}: not JSON (${(error as Error).message})`]);
  }
  if (!isReport(parsed)) throw new CommandError([`${path.relative(cwd, file)}: not a report of \`panoptic generate\` (expected name, pages, tests and skipped)`]);
  return { file, report: parsed };
}

/** The report as lines a person reads: what was explored, each kept test by kind, each dropped candidate with why. */
export function formatGenerationReport(report: GenerationReport): string[] {
  const lines = [`Generation "${report.name}" from ${report.startUrl}: ${plural(report.pages.length, 'page')} explored`];
  for (const page of report.pages) lines.push(`  ${page}`);
  lines.push('', `Kept: ${plural(report.tests.length, 'test')}, each replayed and passing`);
  const kinds = [...new Set(report.tests.map((test) => test.kind))];
  for (const kind of kinds) {
    const tests = report.tests.filter((test) => test.kind === kind);
    lines.push(`  ${kind} (${tests.length})`);
    for (const test of tests) lines.push(`    + ${test.title} (${plural(test.steps.length, 'step')})`);
  }
  // Reports written before merging and double replays have neither list.
  const merged = report.merged ?? [];
  if (merged.length) {
    lines.push('', `Merged: ${plural(merged.length, 'duplicate')} of kept tests`);
    for (const skip of merged) lines.push(`  = ${skip.title}: ${skip.reason}`);
  }
  const flaky = report.flaky ?? [];
  if (flaky.length) {
    lines.push('', `Flaky: ${plural(flaky.length, 'candidate')} passed a replay and failed another, dropped`);
    for (const skip of flaky) lines.push(`  ~ ${skip.title}: ${skip.reason}`);
  }
  lines.push('', `Dropped: ${plural(report.skipped.length, 'candidate')}`);
  // Grouped by reason: one cause (a locator that is never unique, a replay that fails) often drops many.
  const reasons = [...new Set(report.skipped.map((skip) => skip.reason))];
  for (const reason of reasons) {
    const titles = report.skipped.filter((skip) => skip.reason === reason).map((skip) => skip.title);
    lines.push(`  - ${reason}`);
    for (const title of titles) lines.push(`      ${title}`);
  }
  return lines;
}
