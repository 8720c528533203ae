import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_KINDS, type ErrorKind } from '@panoptic/model/error-kinds';
import { ERROR_LABELS_FILE, ERROR_LABELS_VERSION, readErrorLabels, type ErrorLabels } from '@panoptic/model/error-labels';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import { readSummary, type TestSummary } from '@panoptic/model/summary';
import type { CommandIo } from '../command-io.js';

export interface LabelOptions {
  /** The output folder whose summary.json names the test, and where the labels are kept. */
  output?: string;
}

const MAX_LISTED = 10;

function isErrorKind(value: string): value is ErrorKind {
  return (ERROR_KINDS as readonly string[]).includes(value);
}

/** The failed test `id` names: its whole key, else the one failed test whose key contains it. */
function failedTest(tests: readonly TestSummary[], id: string): TestSummary {
  const failed = tests.filter((test) => test.attempts.at(-1)?.errors.length);
  const exact = failed.find((test) => test.key === id);
  if (exact) return exact;
  const matches = failed.filter((test) => test.key.includes(id));
  const list = (found: readonly TestSummary[]): string => found.slice(0, MAX_LISTED).map((test) => `\n  ${test.key}`).join('');
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new Error(`"${id}" is part of ${matches.length} failed tests' keys; give more of one:${list(matches)}`);
  throw new Error(`no failed test of the last run has "${id}" in its key${failed.length ? `; its failed tests:${list(failed)}` : ' (it had no failed test)'}`);
}

function readLabels(file: string): ErrorLabels {
  if (!fs.existsSync(file)) return { version: ERROR_LABELS_VERSION, labels: [] };
  return readErrorLabels(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}

/**
 * `panoptic errors label <test> <category>`: records that the last run's failure of `test` is of
 * `category`, confirming or correcting the classifier. Labels are kept in error-labels.json next to
 * history.json; with `ai_testing.enable_learning`, later runs recalibrate confidences from them.
 */
export function labelErrorCommand(id: string, category: string, options: LabelOptions = {}, io: CommandIo = {}): number {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const outputDir = path.resolve(io.cwd ?? process.cwd(), options.output ?? DEFAULT_OUTPUT_DIR);
  try {
    if (!isErrorKind(category)) throw new Error(`"${category}" is not a failure category; use one of: ${ERROR_KINDS.join(', ')}`);
    const summaryFile = path.join(outputDir, 'summary.json');
    if (!fs.existsSync(summaryFile)) throw new Error(`${summaryFile} does not exist: run the tests with Panoptic's reporter first, or give --output`);
    const test = failedTest(readSummary(JSON.parse(fs.readFileSync(summaryFile, 'utf8')), summaryFile).tests, id);
    const message = test.attempts.at(-1)!.errors.map((error) => error.message).join('\n\n');
    const predicted = test.failure?.kind ?? test.attempts.at(-1)!.errors[0]!.kind;
    const file = path.join(outputDir, ERROR_LABELS_FILE);
    const stored = readLabels(file);
    // A failure labelled again keeps its latest label only.
    const labels = stored.labels.filter((label) => label.test !== test.key || label.message !== message);
    labels.push({ test: test.key, message, predicted, category, labelledAt: new Date().toISOString() });
    const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify({ version: ERROR_LABELS_VERSION, labels }, null, 2)}\n`);
    fs.renameSync(temp, file);
    const verdict = predicted === category ? 'confirmed' : `corrected from ${predicted}`;
    stdout.write(`labelled ${test.key}: ${category} (${verdict}); ${labels.length} label${labels.length === 1 ? '' : 's'} in ${path.relative(io.cwd ?? process.cwd(), file)}\n`);
    return 0;
  } catch (error) {
    stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
}
