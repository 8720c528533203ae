import path from 'node:path';
import type { TestSummary } from '../summary.js';

/**
 * A test as summary.json holds it: artifact paths relative to the output folder, with `/`, so the
 * file names no folder of the machine that ran it and reads the same once moved or uploaded. The
 * run model keeps absolute paths, as the HTML report copies the files from them.
 */
export function portableTest(test: TestSummary, outputDir: string): TestSummary {
  if (!test.artifacts.some((artifact) => artifact.path && path.isAbsolute(artifact.path))) return test;
  return {
    ...test,
    artifacts: test.artifacts.map((artifact) =>
      artifact.path && path.isAbsolute(artifact.path)
        ? { ...artifact, path: path.relative(outputDir, artifact.path).split(path.sep).join('/') }
        : artifact,
    ),
  };
}
