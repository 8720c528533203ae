import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Summary } from '../summary.js';
import { portableRun, portableTest } from './portable-paths.js';
import type { SpoolEntry, SpoolReader, SummarySpool } from './summary-spool.js';
import { CHUNK, ChunkedFile } from './chunked-file.js';

/** summary.json's writer: strings, and ranges of the spool, where entries that follow each other there and in the tests array are copied as one. */
class SummaryFile extends ChunkedFile {
  /** The spool's bytes to copy next, not yet in the buffer. */
  private range: SpoolEntry | undefined;

  constructor(
    fd: number,
    private readonly reader: SpoolReader | undefined,
  ) {
    super(fd);
  }

  override text(text: string): void {
    this.copyRange();
    super.text(text);
  }

  /** A spooled entry, with its leading comma or without (the first test). */
  spooled(entry: SpoolEntry, comma: boolean): void {
    const offset = comma ? entry.offset : entry.offset + 1;
    const length = comma ? entry.length : entry.length - 1;
    const range = this.range;
    if (range && range.offset + range.length === offset && range.length + length <= CHUNK) range.length += length;
    else {
      this.copyRange();
      this.range = { offset, length };
    }
  }

  private copyRange(): void {
    const range = this.range;
    if (!range) return;
    this.range = undefined;
    const { buffer, at } = this.raw(range.length);
    this.reader!.copy(range.offset, range.length, buffer, at);
  }

  override flush(): void {
    this.copyRange();
    super.flush();
  }
}

/**
 * Writes summary.json: the run's part, then the tests, each copied from the spool when it holds the
 * test's entry (serialized as the test ended), else serialized now. Never one JSON.stringify of the
 * whole model: with 100,000 tests that is a string of a hundred million characters. Written to a
 * temp file and renamed, so a reader never sees half a summary.
 */
export async function writeSummaryJson(summary: Summary, file: string, spool?: SummarySpool): Promise<void> {
  const outputDir = path.dirname(file);
  await fs.promises.mkdir(outputDir, { recursive: true });
  // Entries name paths relative to the folder they were spooled for: only usable for that folder.
  const reader = spool && path.resolve(spool.outputDir) === path.resolve(outputDir) ? spool.reader() : undefined;
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    const out = new SummaryFile(fd, reader);
    const { tests, ...rest } = summary;
    const head = JSON.stringify({ ...portableRun(rest, outputDir), tests: [] });
    // The head ends with `"tests":[]}`; tests go between its brackets.
    out.text(head.slice(0, -2));
    tests.forEach((test, i) => {
      const entry = reader?.entryOf(test);
      if (entry) out.spooled(entry, i > 0);
      else out.text(`${i ? ',' : ''}${JSON.stringify(portableTest(test, outputDir))}`);
    });
    out.text(']}\n');
    out.flush();
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
}
