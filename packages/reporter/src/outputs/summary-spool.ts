import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestSummary } from '../summary.js';
import { portableTest } from './portable-paths.js';

/** Entries are gathered into chunks of this size before they are written to the spool file. */
const CHUNK = 256 * 1024;

/**
 * summary.json's test entries, serialized as each test's summary becomes final during the run and
 * appended to a spool file, so that the end of a run of 100,000 tests copies bytes instead of
 * serializing every test at once (about a second of CPU), and no serialized entry is kept in memory
 * (86 MB of them took the reporter over its memory bound). Tests end in any order: the spool holds
 * them in the order they ended, and `writeSummaryJson` copies each entry to its place in the run's
 * order. A summary changed after its entry was written (`forget`) is serialized again at the end.
 *
 * The spool lives in the output folder's `.panoptic` work folder (never synced to a store), so the
 * final file is on the same disk; it is deleted once summary.json is written.
 */
export class SummarySpool {
  private fd: number | undefined;
  private failed = false;
  private file: string | undefined;
  /** The work folder, when the spool made it: removed with the spool when nothing else is in it. */
  private madeDir: string | undefined;
  /** Bytes already in the file. */
  private written = 0;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private readonly entries = new WeakMap<TestSummary, SpoolEntry>();

  constructor(readonly outputDir: string) {}

  /** Appends the test's entry; a spool that cannot be written is dropped, and its tests are serialized at the end instead. */
  add(test: TestSummary): void {
    if (this.failed) return;
    try {
      this.append(test);
    } catch {
      // The end writes every test the spool does not hold, and reports a folder it cannot write to.
      this.discard();
      this.failed = true;
    }
  }

  private append(test: TestSummary): void {
    // Each entry carries the comma that separates it from the one before in the tests array, so
    // entries that follow each other in the spool and in the run's order are copied as one range.
    const json = `,${JSON.stringify(portableTest(test, this.outputDir))}`;
    const length = Buffer.byteLength(json);
    if (this.used + length > this.chunk.length) this.flush();
    if (length > this.chunk.length) this.chunk = Buffer.allocUnsafe(length);
    this.chunk.write(json, this.used);
    this.entries.set(test, { offset: this.written + this.used, length });
    this.used += length;
  }

  private flush(): void {
    if (!this.used) return;
    if (this.fd === undefined) {
      const dir = path.join(this.outputDir, '.panoptic');
      if (!fs.existsSync(dir)) this.madeDir = dir;
      fs.mkdirSync(dir, { recursive: true });
      // Unique per writer: two reporters of one process may share an output folder.
      this.file = path.join(dir, `summary-tests.${process.pid}-${randomBytes(4).toString('hex')}.spool`);
      this.fd = fs.openSync(this.file, 'w+');
    }
    let at = 0;
    while (at < this.used) at += fs.writeSync(this.fd, this.chunk, at, this.used - at, this.written + at);
    this.written += this.used;
    this.used = 0;
  }

  /** The summary changed after its entry was written: it is serialized again at the end. */
  forget(test: TestSummary): void {
    this.entries.delete(test);
  }

  /** A reader of the entries, for the end of the run. */
  reader(): SpoolReader | undefined {
    if (this.failed) return undefined;
    try {
      this.flush();
    } catch {
      this.discard();
      this.failed = true;
      return undefined;
    }
    return new SpoolReader(this.fd, this.entries);
  }

  /** Closes and deletes the spool file; its entries are no longer needed (or no longer usable). */
  discard(): void {
    const { fd, file } = this;
    this.fd = undefined;
    this.file = undefined;
    this.used = 0;
    this.written = 0;
    this.failed = true;
    if (fd !== undefined) fs.closeSync(fd);
    if (file) fs.rmSync(file, { force: true });
    const dir = this.madeDir;
    this.madeDir = undefined;
    // Left in place when another part of the reporter has put files in it since.
    if (dir && !fs.readdirSync(dir).length) fs.rmdirSync(dir);
  }
}

/** A spooled entry: where it is in the spool file and its length, its leading comma included. */
export interface SpoolEntry {
  offset: number;
  length: number;
}

/** Reads spooled entries a block at a time: neighbours in the run's order mostly ended near each other. */
export class SpoolReader {
  private static readonly BLOCK = 1024 * 1024;
  private static readonly BLOCKS = 16;
  private readonly blocks = new Map<number, Buffer>();
  private last: { index: number; block: Buffer } | undefined;

  constructor(
    private readonly fd: number | undefined,
    private readonly entries: WeakMap<TestSummary, SpoolEntry>,
  ) {}

  /** The test's spooled entry; undefined when it was not spooled (or was forgotten). */
  entryOf(test: TestSummary): SpoolEntry | undefined {
    return this.fd === undefined ? undefined : this.entries.get(test);
  }

  /** Copies `length` bytes of the spool from `offset` into `target` at `at`. */
  copy(offset: number, length: number, target: Buffer, at: number): void {
    let copied = 0;
    while (copied < length) {
      const position = offset + copied;
      const index = Math.floor(position / SpoolReader.BLOCK);
      const block = this.block(index);
      const start = position - index * SpoolReader.BLOCK;
      const n = block.copy(target, at + copied, start, Math.min(block.length, start + length - copied));
      if (n <= 0) throw new Error('the summary spool file is shorter than its entries');
      copied += n;
    }
  }

  private block(index: number): Buffer {
    if (this.last?.index === index) return this.last.block;
    let block = this.blocks.get(index);
    if (block) {
      // Most recently used last, so the first in the map is the one to drop.
      this.blocks.delete(index);
    } else {
      if (this.blocks.size >= SpoolReader.BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
      const buffer = Buffer.allocUnsafe(SpoolReader.BLOCK);
      block = buffer.subarray(0, fs.readSync(this.fd!, buffer, 0, SpoolReader.BLOCK, index * SpoolReader.BLOCK));
    }
    this.blocks.set(index, block);
    this.last = { index, block };
    return block;
  }
}
