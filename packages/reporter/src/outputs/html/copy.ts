import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bodyOf, sourceOf } from '../../artifact-bodies.js';
import type { Artifact } from '../../summary.js';

/** An artifact placed in the report folder, addressed relative to index.html. */
export interface LinkedFile {
  href: string;
  bytes: number;
  /** Pixel size, known for PNG screenshots so thumbnails keep their place while loading. */
  width?: number;
  height?: number;
}

export interface CopyRequest {
  artifact: Artifact;
  /** Whose artifact it is, for warnings. */
  owner: string;
}

export interface CopyResult {
  /** By the artifact's source: its path as given in the summary, or its kept body's id (`sourceOf`). */
  links: Map<string, LinkedFile>;
  copied: number;
  warnings: string[];
}

export const DATA_DIR = 'data';
const CONCURRENCY = 4;

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/webm': '.webm',
  'video/mp4': '.mp4',
  'application/zip': '.zip',
};

function extensionOf(artifact: Artifact, source: string): string {
  const fromName = path.extname(source).toLowerCase();
  if (/^\.[a-z0-9]{1,8}$/.test(fromName)) return fromName;
  return EXTENSIONS[artifact.contentType] ?? '';
}

function pngSize(head: Buffer): { width: number; height: number } | undefined {
  if (head.length < 24 || head.readUInt32BE(0) !== 0x89504e47 || head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/**
 * Copies one file (or an attachment's body) into the data folder under the hash of its content, reading it once: identical
 * files (a screenshot attached twice, a rerun into the same folder) end up as one, and names never
 * collide or leak the machine's paths.
 */
export async function copyOne(artifact: Artifact, source: string, dataDir: string): Promise<LinkedFile> {
  const body = artifact.path ? undefined : bodyOf(artifact);
  return body ? writeBody(artifact, body, source, dataDir) : copyFile(artifact, source, dataDir);
}

function linkedFile(artifact: Artifact, name: string, bytes: number, head: Buffer | undefined): LinkedFile {
  const linked: LinkedFile = { href: `${DATA_DIR}/${name}`, bytes };
  const size = head && artifact.contentType === 'image/png' ? pngSize(head) : undefined;
  if (size) Object.assign(linked, size);
  return linked;
}

const partialFile = (dataDir: string): string => path.join(dataDir, `.partial-${process.pid}-${Math.random().toString(36).slice(2)}`);

/**
 * A kept body is already in memory: hashed and written in one call each, synchronously. A large run
 * has thousands of small failure screenshots: a stream pipeline per body cost more than the writes,
 * and so did the promise and thread-pool round trips of four asynchronous calls per file.
 */
export function writeBody(artifact: Artifact, body: Buffer, source: string, dataDir: string): LinkedFile {
  const name = `${createHash('sha256').update(body).digest('hex').slice(0, 20)}${extensionOf(artifact, source)}`;
  const temp = partialFile(dataDir);
  try {
    writeFileSync(temp, body);
    renameSync(temp, path.join(dataDir, name));
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return linkedFile(artifact, name, body.length, body.subarray(0, 24));
}

async function copyFile(artifact: Artifact, source: string, dataDir: string): Promise<LinkedFile> {
  const hash = createHash('sha256');
  let head: Buffer | undefined;
  let bytes = 0;
  const temp = partialFile(dataDir);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!head) head = chunk.subarray(0, 24);
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(path.resolve(source)), tap, createWriteStream(temp));
    const name = `${hash.digest('hex').slice(0, 20)}${extensionOf(artifact, source)}`;
    await fs.rename(temp, path.join(dataDir, name));
    return linkedFile(artifact, name, bytes, head);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return (error as Error).message;
}

export function isUrl(source: string): boolean {
  return /^(?:https?|file):\/\//i.test(source);
}

/** Files already placed in the data folder while the run went on (`ReportPrewrite`). */
export interface Prewritten {
  /** By source, as `CopyResult.links`. */
  links: ReadonlyMap<string, LinkedFile>;
  /** The hrefs of the files placed that were not in the folder before: those the page does not link are deleted. */
  created: ReadonlySet<string>;
}

/**
 * Copies the artifacts the page links to; a file that cannot be read becomes a warning. A file
 * `prewritten` already placed is linked as it is; one it placed that the page does not link goes.
 */
export async function copyArtifacts(requests: readonly CopyRequest[], reportDir: string, prewritten?: Prewritten): Promise<CopyResult> {
  const dataDir = path.join(reportDir, DATA_DIR);
  const links = new Map<string, LinkedFile>();
  const warnings: string[] = [];
  const bySource = new Map<string, CopyRequest>();
  for (const request of requests) {
    const source = sourceOf(request.artifact);
    if (source !== undefined && !bySource.has(source)) bySource.set(source, request);
  }
  if (bySource.size) await fs.mkdir(dataDir, { recursive: true });
  const queue = [...bySource];
  const hrefs = new Set<string>();
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [source, { artifact, owner }] = next;
      if (isUrl(source)) {
        // A file already in the store (uploaded during the run, its local copy deleted): linked where it is.
        links.set(source, { href: source, bytes: artifact.bytes });
        continue;
      }
      const placed = prewritten?.links.get(source);
      if (placed) {
        links.set(source, placed);
        hrefs.add(placed.href);
        continue;
      }
      try {
        const linked = await copyOne(artifact, source, dataDir);
        links.set(source, linked);
        hrefs.add(linked.href);
      } catch (error) {
        warnings.push(`HTML report: ${artifact.kind} "${artifact.name}" of ${owner} not copied from ${source}: ${reason(error)}.`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  for (const href of prewritten?.created ?? []) if (!hrefs.has(href)) await fs.rm(path.join(reportDir, href), { force: true });
  return { links, copied: hrefs.size, warnings: warnings.sort() };
}
