import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Summary } from '../summary.js';
import { portableRun, portableTest } from './portable-paths.js';

/**
 * Writes summary.json as a stream, one test at a time: with 100,000 tests one JSON.stringify of the
 * whole model would hold a string of a hundred million characters in memory.
 */
export async function writeSummaryJson(summary: Summary, file: string): Promise<void> {
  const outputDir = path.dirname(file);
  await fs.promises.mkdir(outputDir, { recursive: true });
  const out = fs.createWriteStream(file);
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    const { tests, ...rest } = summary;
    const head = JSON.stringify({ ...portableRun(rest, outputDir), tests: [] });
    // The head ends with `"tests":[]}`; tests are streamed between its brackets.
    await write(head.slice(0, -2));
    // A few hundred tests per write: one write per test costs more in the stream than in JSON.
    const BATCH = 500;
    for (let start = 0; start < tests.length; start += BATCH) {
      const chunk = tests.slice(start, start + BATCH).map((test) => JSON.stringify(portableTest(test, outputDir))).join(',');
      await write((start ? ',' : '') + chunk);
    }
    await write(']}\n');
  } finally {
    out.end();
    await once(out, 'close');
  }
}
