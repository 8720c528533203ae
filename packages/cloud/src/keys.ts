import { CloudError, UnsafeKeyError } from './errors.js';

/** S3 and Azure both cap object names at 1024 (bytes and characters respectively). */
const MAX_KEY_BYTES = 1024;

// C0/C1 controls, DEL, line/paragraph separators and bidi overrides: none belongs in a file name,
// and the last two can make a key read differently from what it is.
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

// A percent-escape of '.', '/', '\', '%' (double encoding), a control character, or any byte
// >= 0x80 (overlong UTF-8 like %c0%ae): a store or proxy that decodes keys could turn these into
// a traversal.
const DANGEROUS_ESCAPE = /%(2e|2f|5c|25|[01][0-9a-f]|7f|[89a-f][0-9a-f])/i;

/**
 * Throws an `UnsafeKeyError` unless `key` is a relative, `/`-separated object key that cannot
 * climb out of where it is put: no `..` or `.` segments (also not in full-width or percent-encoded
 * form), no absolute paths or drive letters, no backslashes, no control characters, no empty
 * segments (`a//b`, a leading or trailing `/`).
 */
export function assertSafeKey(key: string): void {
  if (typeof key !== 'string') throw new UnsafeKeyError(String(key), 'a key must be a string');
  if (key.length === 0) throw new UnsafeKeyError(key, 'it is empty');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new UnsafeKeyError(key, `it is longer than ${MAX_KEY_BYTES} bytes`);
  if (DANGEROUS_ESCAPE.test(key)) {
    throw new UnsafeKeyError(key, "it percent-encodes '.', '/', '\\', '%', a control character or a non-ASCII byte");
  }
  // Unicode compatibility forms (full-width dots and slashes, the two-dot leader) normalise to the
  // ASCII characters on some file systems and servers: check both spellings.
  const normalized = key.normalize('NFKC');
  for (const form of normalized === key ? [key] : [key, normalized]) checkForm(key, form);
}

function checkForm(key: string, form: string): void {
  if (FORBIDDEN_CHARS.test(form)) throw new UnsafeKeyError(key, 'it contains a control or invisible formatting character');
  if (form.includes('\\')) throw new UnsafeKeyError(key, "it contains a backslash; separate segments with '/'");
  if (form.startsWith('/')) throw new UnsafeKeyError(key, "it is absolute; keys are relative and never start with '/'");
  for (const segment of form.split('/')) {
    if (segment === '') throw new UnsafeKeyError(key, "it has an empty segment (a leading, trailing or doubled '/')");
    // Windows drops trailing dots and spaces, so '... ' can mean '..'.
    if (/^[. ]+$/.test(segment)) throw new UnsafeKeyError(key, `it has a "${segment}" segment`);
    if (/^[a-z]:/i.test(segment)) throw new UnsafeKeyError(key, `segment "${segment}" looks like a drive letter`);
  }
}

export interface RunPrefixParts {
  /** The store's prefix (`CloudOptions.prefix`); may have several `/`-separated segments, or be empty. */
  prefix?: string;
  /** The Playwright project name; an empty name (no projects configured) becomes `default`. */
  project: string;
  runId: string;
  /** Playwright's `config.shard` (`{ current, total }`), a `"1-of-3"` label, or nothing for an unsharded run (`all`). */
  shard?: { current: number; total: number } | string | null;
}

/**
 * `<prefix>/<project>/<run id>/<shard>`, every part reduced to `[A-Za-z0-9._-]` so that a project
 * name or run id can never add segments or climb out of the prefix.
 */
export function runPrefix(parts: RunPrefixParts): string {
  const prefix = (parts.prefix ?? '')
    .split('/')
    .filter((segment) => segment.trim() !== '')
    .map((segment) => sanitizeKeySegment(segment, 'prefix'));
  const project = parts.project.trim() === '' ? 'default' : sanitizeKeySegment(parts.project, 'project');
  const key = [...prefix, project, sanitizeKeySegment(parts.runId, 'run id'), shardLabel(parts.shard)].join('/');
  assertSafeKey(key);
  return key;
}

/** One key segment made of `[A-Za-z0-9._-]` only, never `.`/`..`; throws when nothing usable is left. */
export function sanitizeKeySegment(value: string, what = 'key segment'): string {
  const cleaned = value
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (cleaned === '') {
    throw new CloudError(`${what} ${JSON.stringify(value)} has no characters usable in a storage key (letters, digits, '.', '_', '-')`, {
      code: 'InvalidKeyPart',
    });
  }
  return cleaned;
}

/** `"<current>-of-<total>"` for a shard, `"all"` for an unsharded run. */
export function shardLabel(shard: RunPrefixParts['shard']): string {
  if (shard === undefined || shard === null || shard === '' || shard === 'all') return 'all';
  if (typeof shard === 'string') {
    const match = /^(\d+)\s*(?:-of-|\/)\s*(\d+)$/.exec(shard.trim());
    if (!match) throw new CloudError(`shard ${JSON.stringify(shard)} is not "<current>-of-<total>", "<current>/<total>" or "all"`, { code: 'InvalidKeyPart' });
    return shardLabel({ current: Number(match[1]), total: Number(match[2]) });
  }
  const { current, total } = shard;
  if (!Number.isInteger(current) || !Number.isInteger(total) || current < 1 || total < 1 || current > total) {
    throw new CloudError(`shard ${JSON.stringify(shard)} needs whole numbers with 1 <= current <= total`, { code: 'InvalidKeyPart' });
  }
  return `${current}-of-${total}`;
}
