import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { CloudError, ObjectNotFoundError, UnsafeKeyError } from '../errors.js';
import { assertSafeKey } from '../keys.js';
import type { Body, ObjectInfo, PutOptions, PutResult, StorageProvider } from '../provider.js';
import { base64ToHex } from '../digest.js';

/** Panoptic's own bookkeeping inside the folder: metadata sidecars and in-progress writes. Never a key. */
const RESERVED = '.panoptic';

interface Sidecar {
  contentType: string;
  contentEncoding?: string;
  metadata?: Record<string, string>;
}

/**
 * A folder as a store. Keys map to files below it and can never leave it: keys are checked with
 * `assertSafeKey`, the joined path must stay inside, and the real path (symlinks resolved) of
 * every file read and every folder written must be inside the folder's real path too. Writes go to
 * a temp file first and are renamed into place, so a reader never sees half a file.
 */
export async function createLocalProvider(folder: string): Promise<StorageProvider> {
  const root = path.resolve(folder);
  await fsp.mkdir(path.join(root, RESERVED, 'tmp'), { recursive: true });
  await fsp.mkdir(path.join(root, RESERVED, 'meta'), { recursive: true });
  const realRoot = await fsp.realpath(root);
  return new LocalProvider(root, realRoot);
}

class LocalProvider implements StorageProvider {
  readonly name = 'local' as const;
  readonly acceptsLateProperties = true;
  readonly location: string;

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
  ) {
    this.location = `local folder ${root}`;
  }

  async put(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    const target = this.pathOf(key);
    await this.ensureFolder(path.dirname(target), key);
    const tmp = path.join(this.realRoot, RESERVED, 'tmp', randomUUID());
    const md5 = createHash('md5');
    try {
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          md5.update(chunk);
          callback(null, chunk);
        },
      });
      const source = Buffer.isBuffer(body) ? [body] : body;
      await pipeline(source, hashing, fs.createWriteStream(tmp));
      const received = md5.digest('hex');
      const late = await options.late?.();
      const sentMd5 = late?.contentMd5 ?? options.contentMd5;
      if (sentMd5 !== undefined && base64ToHex(sentMd5) !== received) {
        // As S3 and Azure do, refuse bytes that do not match the MD5 the caller sent.
        throw new CloudError(`the bytes written for ${JSON.stringify(key)} do not match the MD5 sent with them`, { code: 'BadDigest', statusCode: 400 });
      }
      const sidecar: Sidecar = { contentType: options.contentType };
      if (options.contentEncoding) sidecar.contentEncoding = options.contentEncoding;
      const metadata = { ...options.metadata, ...late?.metadata };
      if (Object.keys(metadata).length > 0) sidecar.metadata = metadata;
      const meta = this.sidecarOf(key);
      await fsp.mkdir(path.dirname(meta), { recursive: true });
      await fsp.writeFile(meta, JSON.stringify(sidecar));
      await fsp.rename(tmp, target);
    } finally {
      await fsp.rm(tmp, { force: true });
    }
    // No answer from a store here: the uploader reads the file back to verify it.
    return {};
  }

  async get(key: string): Promise<Buffer> {
    const file = await this.existingFile(key);
    if (file === undefined) throw new ObjectNotFoundError(key, this.location);
    return fsp.readFile(file);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const file = await this.existingFile(key);
    if (file === undefined) return undefined;
    const stat = await fsp.stat(file);
    const md5 = createHash('md5');
    await pipeline(fs.createReadStream(file), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) md5.update(chunk);
    });
    const sidecar = await this.readSidecar(key);
    const info: ObjectInfo = { key, size: stat.size, lastModified: stat.mtime, md5: md5.digest('hex') };
    if (sidecar?.contentType) info.contentType = sidecar.contentType;
    if (sidecar?.contentEncoding) info.contentEncoding = sidecar.contentEncoding;
    if (sidecar?.metadata) info.metadata = sidecar.metadata;
    return info;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    if (prefix !== '') assertSafeKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
    // Walk only the folder the prefix names; a partial last segment ("runs/ab") filters its entries.
    const folderKey = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    yield* this.walk(folderKey, prefix);
  }

  private async *walk(folderKey: string, prefix: string): AsyncIterable<ObjectInfo> {
    const folder = folderKey === '' ? this.root : path.join(this.root, ...folderKey.split('/'));
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (folderKey === '' && entry.name === RESERVED) continue;
      // Symlinks are never followed: a link could point anywhere on the machine.
      if (entry.isSymbolicLink()) continue;
      const key = folderKey === '' ? entry.name : `${folderKey}/${entry.name}`;
      if (entry.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) yield* this.walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        const stat = await fsp.stat(path.join(folder, entry.name));
        yield { key, size: stat.size, lastModified: stat.mtime };
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const target = this.pathOf(key);
      await this.assertRealInside(path.dirname(target), key, true);
      await fsp.rm(target, { force: true });
      await fsp.rm(this.sidecarOf(key), { force: true });
      await this.pruneEmptyFolders(path.dirname(target));
      await this.pruneEmptyFolders(path.dirname(this.sidecarOf(key)));
    }
  }

  async signedUrl(key: string): Promise<string> {
    // A folder has no access control to sign for: the file URL is the link.
    return pathToFileURL(this.pathOf(key)).href;
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    const segments = key.split('/');
    if (segments[0] === RESERVED) throw new UnsafeKeyError(key, `"${RESERVED}/" is reserved for Panoptic's bookkeeping in a local store`);
    const target = path.join(this.root, ...segments);
    const relative = path.relative(this.root, target);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new UnsafeKeyError(key, 'it resolves outside the store folder');
    return target;
  }

  private sidecarOf(key: string): string {
    return path.join(this.root, RESERVED, 'meta', ...key.split('/')) + '.json';
  }

  private async readSidecar(key: string): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await fsp.readFile(this.sidecarOf(key), 'utf8')) as Sidecar;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** The real path of the key's file when it exists and lies inside the store; undefined when missing. */
  private async existingFile(key: string): Promise<string | undefined> {
    const target = this.pathOf(key);
    let real: string;
    try {
      real = await fsp.realpath(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw error;
    }
    this.assertInside(real, key);
    const stat = await fsp.stat(real);
    return stat.isFile() ? real : undefined;
  }

  /** Creates the key's folder, after checking that what already exists of it resolves inside the store. */
  private async ensureFolder(folder: string, key: string): Promise<void> {
    await this.assertRealInside(folder, key, false);
    await fsp.mkdir(folder, { recursive: true });
  }

  /** Checks the real path of `folder`, or of its deepest existing ancestor, against the store's real path. */
  private async assertRealInside(folder: string, key: string, allowMissing: boolean): Promise<void> {
    let existing = folder;
    for (;;) {
      try {
        this.assertInside(await fsp.realpath(existing), key);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
        if (existing === this.root) {
          if (allowMissing) return;
          throw error;
        }
        existing = path.dirname(existing);
      }
    }
  }

  private assertInside(real: string, key: string): void {
    const relative = path.relative(this.realRoot, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UnsafeKeyError(key, 'it resolves (through a symbolic link) outside the store folder');
    }
  }

  private async pruneEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    const stops = new Set([this.root, path.join(this.root, RESERVED, 'meta')]);
    while (!stops.has(current) && current.startsWith(this.root + path.sep)) {
      try {
        await fsp.rmdir(current);
      } catch {
        return;
      }
      current = path.dirname(current);
    }
  }
}
