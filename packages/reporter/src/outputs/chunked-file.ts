import fs from 'node:fs';

/** Bytes gathered before each write to the file. */
export const CHUNK = 1024 * 1024;

/**
 * Writes a file (an open descriptor) through a buffer of CHUNK bytes, synchronously: the large
 * outputs (summary.json, history.json) are written as many short strings, never as one string of
 * the whole document, which for 100,000 tests is tens of megabytes held at the reporter's peak.
 */
export class ChunkedFile {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  constructor(private readonly fd: number) {}

  text(text: string): void {
    const length = Buffer.byteLength(text);
    const { buffer, at } = this.raw(length);
    buffer.write(text, at);
  }

  /** Room for `length` bytes the caller copies in itself: the buffer and where they go. */
  raw(length: number): { buffer: Buffer; at: number } {
    if (this.used + length > this.buffer.length) {
      this.flush();
      if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
    }
    const at = this.used;
    this.used += length;
    return { buffer: this.buffer, at };
  }

  flush(): void {
    let at = 0;
    while (at < this.used) at += fs.writeSync(this.fd, this.buffer, at, this.used - at);
    this.used = 0;
  }
}

/** Elements of an array of numbers or strings serialized together. */
const SLICE = 8192;

const skipped = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Writes what `JSON.stringify(value)` gives, for plain data (objects, arrays, strings, numbers,
 * booleans, null), into `out`: objects and arrays of objects part by part, other arrays a slice of
 * SLICE elements at a time, so no string is longer than a slice's.
 */
export function writeJson(out: ChunkedFile, value: unknown): void {
  if (Array.isArray(value)) {
    const items = value as unknown[];
    if (items.some((item) => item !== null && typeof item === 'object')) {
      out.text('[');
      items.forEach((item, i) => {
        if (i) out.text(',');
        if (skipped(item)) out.text('null');
        else writeJson(out, item);
      });
      out.text(']');
      return;
    }
    if (!items.length) return out.text('[]');
    for (let i = 0; i < items.length; i += SLICE) out.text((i ? ',' : '[') + JSON.stringify(items.slice(i, i + SLICE)).slice(1, -1));
    out.text(']');
    return;
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    out.text('{');
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (skipped(item)) continue;
      out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      writeJson(out, item);
    }
    out.text('}');
    return;
  }
  out.text(JSON.stringify(value) ?? 'null');
}
