import fs from 'node:fs';
import path from 'node:path';
import type { Summary, TestSummary } from '../summary.js';

function relativeTo(outputDir: string, file: string): string {
  return path.relative(outputDir, file).split(path.sep).join('/') || '.';
}

/**
 * Absolute paths of at least two segments, not part of a URL or a longer word. Only those whose
 * first segment exists on this machine are rewritten, so `/api/users` in a message stays as it is.
 */
const POSIX_PATH = /(?<![\w.~:/-])\/(?:[^\s"'`<>|:*?/\\]+\/)+[^\s"'`<>|:*?/\\]*/g;
const WINDOWS_PATH = /(?<![\w])[A-Za-z]:\\(?:[^\s"'`<>|:*?\\]+\\)+[^\s"'`<>|:*?\\]*/g;

// Thousands of error messages name the same few roots: each is looked up once per run.
const roots = new Map<string, boolean>();
function rootExists(root: string): boolean {
  let exists = roots.get(root);
  if (exists === undefined) roots.set(root, (exists = fs.existsSync(root)));
  return exists;
}

/** Text (a warning, an error message) with this machine's absolute paths made relative to the output folder. */
export function portableText(text: string, outputDir: string): string {
  const pattern = process.platform === 'win32' ? WINDOWS_PATH : POSIX_PATH;
  return text.replace(pattern, (found) => {
    const root = process.platform === 'win32' ? found.slice(0, 3) : `/${found.split('/')[1] ?? ''}`;
    return rootExists(root) ? relativeTo(outputDir, found) : found;
  });
}

function portableErrors<T extends { message: string }>(errors: readonly T[], outputDir: string): T[] {
  return errors.map((error) => ({ ...error, message: portableText(error.message, outputDir) }));
}

/**
 * A test as summary.json holds it: artifact paths and paths in error messages relative to the
 * output folder, with `/`, so the file names no folder of the machine that ran it and reads the
 * same once moved or uploaded. The run model keeps absolute paths, as the HTML report copies the
 * files from them.
 */
export function portableTest(test: TestSummary, outputDir: string): TestSummary {
  // Copied only where a path changes: most tests of a large run have no error and no file artifact,
  // and copying all 100,000 of them only to serialize them made garbage of a second model.
  const moves = (artifact: TestSummary['artifacts'][number]): boolean => artifact.path !== undefined && path.isAbsolute(artifact.path);
  const hasErrors = test.attempts.some((attempt) => attempt.errors.length);
  const hasFiles = test.artifacts.some(moves);
  if (!hasErrors && !hasFiles) return test;
  return {
    ...test,
    attempts: hasErrors ? test.attempts.map((attempt) => (attempt.errors.length ? { ...attempt, errors: portableErrors(attempt.errors, outputDir) } : attempt)) : test.attempts,
    artifacts: hasFiles ? test.artifacts.map((artifact) => (moves(artifact) ? { ...artifact, path: relativeTo(outputDir, artifact.path!) } : artifact)) : test.artifacts,
  };
}

/** The run's part of summary.json (all but its tests), with paths in warnings and errors made relative. */
export function portableRun<T extends Omit<Summary, 'tests'>>(run: T, outputDir: string): T {
  return {
    ...run,
    run: { ...run.run, errors: portableErrors(run.run.errors, outputDir) },
    failures: run.failures.map((group) => ({ ...group, sample: portableText(group.sample, outputDir) })),
    warnings: run.warnings.map((warning) => portableText(warning, outputDir)),
  };
}
