import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Summary } from '../summary.js';
import { portableRun, portableTest } from './portable-paths.js';
import { cachedTestJson } from './test-json.js';

const COMMA = ','.charCodeAt(0);

/**
 * Writes summary.json as a stream, one test at a time: with 100,000 tests one JSON.stringify of the
 * whole model would hold a string of a hundred million characters in memory.
 */
export async function writeSummaryJson(summary: Summary, file: string): Promise<void> {
  const outputDir = path.dirname(file);
  await fs.promises.mkdir(outputDir, { recursive: true });
  const out = fs.createWriteStream(file);
  const write = async (chunk: string | Buffer): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    const { tests, ...rest } = summary;
    const head = JSON.stringify({ ...portableRun(rest, outputDir), tests: [] });
    // The head ends with `"tests":[]}`; tests are streamed between its brackets.
    await write(head.slice(0, -2));
    // A few hundred tests per write, into one buffer: one write (or one small Buffer) per test costs
    // more than copying the bytes.
    const BATCH = 500;
    for (let start = 0; start < tests.length; start += BATCH) {
      const parts: { bytes?: Buffer; tail?: string }[] = [];
      let size = 0;
      for (let i = start; i < Math.min(tests.length, start + BATCH); i++) {
        const test = tests[i]!;
        // Serialized when the test ended, in most cases (test-json.ts).
        const part: { bytes?: Buffer; tail?: string } = cachedTestJson(test, outputDir) ?? { tail: JSON.stringify(portableTest(test, outputDir)) };
        parts.push(part);
        // A comma, the bytes, and at most 3 bytes per UTF-16 unit of text.
        size += 1 + (part.bytes?.length ?? 0) + 3 * (part.tail?.length ?? 0);
      }
      const chunk = Buffer.allocUnsafe(size);
      let used = 0;
      for (const [n, part] of parts.entries()) {
        if (start + n) chunk[used++] = COMMA;
        if (part.bytes) used += part.bytes.copy(chunk, used);
        if (part.tail) used += chunk.write(part.tail, used);
      }
      await write(chunk.subarray(0, used));
    }
    await write(']}\n');
  } finally {
    out.end();
    await once(out, 'close');
  }
}
