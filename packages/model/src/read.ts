import type { z } from 'zod';

/** What a reader needs to know of a document to check it and to say what is wrong with it. */
export interface DocumentContract<S extends z.ZodType> {
  /** How users know the document: `summary.json`, `the metrics attachment`, … */
  name: string;
  /** The version this Panoptic writes. */
  version: number;
  /** Older versions this Panoptic still reads (their fields are a subset of `schema`'s). */
  alsoReads?: readonly number[];
  schema: S;
  /** What to do with a document older than this Panoptic reads, e.g. "write it again with `panoptic shard plan`". */
  rewrite: string;
}

/** A document of another version than this Panoptic reads, or one that does not match its schema. */
export class DocumentError extends Error {
  constructor(
    message: string,
    /** The version the document says it is, when it says one. */
    readonly foundVersion?: unknown,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** A zod issue path as users write it: `tests[0].key`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** One line per problem, each naming its field; capped so a wholly wrong file stays readable. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], limit = 5): string {
  const lines = issues.slice(0, limit).map((issue) => `${formatPath(issue.path) || '(the document)'}: ${issue.message}`);
  if (issues.length > limit) lines.push(`… and ${issues.length - limit} more`);
  return lines.join('; ');
}

function versionList(versions: readonly number[]): string {
  return versions.length === 1 ? `version ${versions[0]}` : `versions ${versions.slice(0, -1).join(', ')} and ${versions.at(-1)}`;
}

/**
 * Checks a parsed JSON document against its contract. The version is checked first, so a document of
 * another version is reported as that rather than as a list of fields that moved.
 */
export function readDocument<S extends z.ZodType>(contract: DocumentContract<S>, json: unknown, source: string): z.output<S> {
  const at = `${contract.name} at ${source}`;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DocumentError(`${at} is not a JSON object (got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json})`);
  }
  const found = (json as { version?: unknown }).version;
  const readable = [...(contract.alsoReads ?? []), contract.version];
  const reads = `this Panoptic reads ${versionList(readable)}`;
  if (typeof found !== 'number') {
    throw new DocumentError(`${at} has no version number (version: ${JSON.stringify(found) ?? 'missing'}); ${reads}: it was not written by Panoptic, or was edited by hand`, found);
  }
  if (!readable.includes(found)) {
    const advice = found > contract.version ? 'upgrade Panoptic to read it' : contract.rewrite;
    throw new DocumentError(`${at} is version ${found}; ${reads}: ${advice}`, found);
  }
  const parsed = contract.schema.safeParse(json);
  if (!parsed.success) throw new DocumentError(`${at} (version ${found}) is not valid: ${formatIssues(parsed.error.issues)}`, found);
  return parsed.data;
}

/** The reader of one kind of document: checks parsed JSON against the contract, naming `source` in errors. */
export function documentReader<S extends z.ZodType>(contract: DocumentContract<S>): (json: unknown, source: string) => z.output<S> {
  return (json, source) => readDocument(contract, json, source);
}
