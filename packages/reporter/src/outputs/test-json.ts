import type { TestSummary } from '../summary.js';
import { portableTest } from './portable-paths.js';

/** Large shared buffers: 100,000 small Buffers would cost more in headers and garbage than the bytes. */
const SLAB_BYTES = 4 * 1024 * 1024;

interface Entry {
  bytes: Buffer;
  /** The output folder its paths were made relative to. */
  outputDir: string;
  /**
   * The test's fields when it was serialized: a field set since (quarantine's annotations, say) makes
   * the copy stale; only `history` may be added. Changes inside a field are not seen: whoever makes
   * them forgets the copy (enable_learning does).
   */
  fields: unknown[];
}

/** Each test's serialized entry, by the very summary object it was made from. */
const entries = new WeakMap<TestSummary, Entry>();

/**
 * Each test's entry of summary.json, serialized as the test ends (when its summary is made), in
 * UTF-8 in shared buffers. At the end of a run of 100,000 tests, serializing every entry was the
 * largest part of writing the outputs; now summary.json copies these bytes, adding only the history
 * entry, which is known at the end. A test summarized again (a retry, a synced file) is serialized
 * again; the bytes of the earlier summary are left unused in their buffer.
 */
export class TestJsonCache {
  private slab = Buffer.alloc(0);
  private used = 0;

  constructor(private readonly outputDir: string) {}

  add(test: TestSummary): void {
    const text = JSON.stringify(portableTest(test, this.outputDir));
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.slab.length - this.used < text.length * 3) {
      this.slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, text.length * 3));
      this.used = 0;
    }
    const length = this.slab.write(text, this.used);
    entries.set(test, { bytes: this.slab.subarray(this.used, this.used + length), outputDir: this.outputDir, fields: Object.values(test) });
    this.used += length;
  }
}

/** After a change to a test's summary that its serialized copy would not show. */
export function forgetTestJson(test: TestSummary): void {
  entries.delete(test);
}

/**
 * The test's entry as summary.json holds it, from the bytes made when it ended when they still say
 * the same (same output folder, no field added but `history`): the bytes, and the history field
 * that goes in place of their closing brace. Undefined when the test must be serialized again.
 */
export function cachedTestJson(test: TestSummary, outputDir: string): { bytes: Buffer; tail?: string } | undefined {
  const entry = entries.get(test);
  if (!entry || entry.outputDir !== outputDir) return undefined;
  const names = Object.keys(test);
  const withHistory = names.length === entry.fields.length + 1 && names.at(-1) === 'history' && test.history !== undefined;
  if (names.length !== entry.fields.length && !withHistory) return undefined;
  const values = Object.values(test);
  for (let i = 0; i < entry.fields.length; i++) if (values[i] !== entry.fields[i]) return undefined;
  if (!withHistory) return { bytes: entry.bytes };
  return { bytes: entry.bytes.subarray(0, -1), tail: `,"history":${JSON.stringify(test.history)}}` };
}
