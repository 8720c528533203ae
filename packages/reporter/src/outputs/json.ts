import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Summary } from '../summary.js';
import { portableRun, portableTest } from './portable-paths.js';
import type { SpoolEntry, SpoolReader, SummarySpool } from './summary-spool.js';

/** Bytes gathered before each write to the file. */
const CHUNK = 1024 * 1024;

/**
 * Writes a file through a buffer of CHUNK bytes: strings, and ranges of the spool, where entries
 * that follow each other there and in the tests array are copied as one.
 */
class ChunkedFile {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** The spool's bytes to copy next, not yet in the buffer. */
  private range: SpoolEntry | undefined;

  constructor(
    private readonly fd: number,
    private readonly reader: SpoolReader | undefined,
  ) {}

  /** Room for `length` more bytes at `this.used`. */
  private room(length: number): void {
    if (this.used + length <= this.buffer.length) return;
    this.flush();
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
  }

  text(text: string): void {
    this.copyRange();
    const length = Buffer.byteLength(text);
    this.room(length);
    this.used += this.buffer.write(text, this.used);
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
    this.room(range.length);
    this.reader!.copy(range.offset, range.length, this.buffer, this.used);
    this.used += range.length;
  }

  flush(): void {
    this.copyRange();
    let at = 0;
    while (at < this.used) at += fs.writeSync(this.fd, this.buffer, at, this.used - at);
    this.used = 0;
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
    const out = new ChunkedFile(fd, reader);
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
