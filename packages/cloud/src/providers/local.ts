import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import lockfile from 'proper-lockfile';
import { decodeStored } from '../content-encoding.js';
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
 * every file read, every folder written or deleted in, and every metadata sidecar must be inside
 * the folder's real path too. Writes (sidecars included) go to a temp file first and are renamed
 * into place, so a reader never sees half a file and a symbolic link in the way is replaced, never
 * written through.
 */
export async function createLocalProvider(folder: string): Promise<StorageProvider> {
  const root = path.resolve(folder);
  await fsp.mkdir(root, { recursive: true });
  const realRoot = await fsp.realpath(root);
  // Panoptic's own folders must be real folders of the store: a link there would send every
  // temp file and sidecar somewhere else.
  for (const sub of [[RESERVED], [RESERVED, 'tmp'], [RESERVED, 'meta']]) {
    const own = path.join(realRoot, ...sub);
    await fsp.mkdir(own, { recursive: true });
    const stat = await fsp.lstat(own);
    if (!stat.isDirectory()) {
      throw new CloudError(`${own} must be a folder of the local store, found ${stat.isSymbolicLink() ? 'a symbolic link' : 'a file'}; remove it`, {
        code: 'UnsafeStoreFolder',
      });
    }
  }
  return new LocalProvider(root, realRoot);
}

class LocalProvider implements StorageProvider {
  readonly name = 'local' as const;
  readonly acceptsLateProperties = true;
  readonly location: string;

  constructor(
    root: string,
    private readonly realRoot: string,
  ) {
    this.location = `local folder ${root}`;
  }

  async put(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    if (options.ifMatch !== undefined || options.ifNoneMatch !== undefined) return this.putConditionally(key, body, options);
    return this.putNow(key, body, options);
  }

  /**
   * A folder has no ETags: the MD5 of the file stands in for one, and a lock file (proper-lockfile,
   * also across processes) makes "compare, then replace" one step for every conditional writer.
   */
  private async putConditionally(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    this.pathOf(key);
    const lockName = createHash('sha256').update(key).digest('hex');
    const release = await lockfile.lock(path.join(this.realRoot, RESERVED, 'tmp', lockName), {
      realpath: false,
      lockfilePath: path.join(this.realRoot, RESERVED, 'tmp', `${lockName}.lock`),
      stale: 30_000,
      retries: { retries: 100, minTimeout: 10, maxTimeout: 250, randomize: true },
    });
    try {
      const current = await this.head(key);
      const changed = options.ifNoneMatch === '*' ? current !== undefined : current?.etag !== options.ifMatch;
      if (changed) {
        const wanted = options.ifNoneMatch === '*' ? 'no object yet' : `ETag ${JSON.stringify(options.ifMatch)}`;
        throw new CloudError(`${JSON.stringify(key)} in ${this.location} changed since it was read (the write asked for ${wanted})`, {
          code: 'PreconditionFailed',
          statusCode: 412,
        });
      }
      return await this.putNow(key, body, options);
    } finally {
      await release();
    }
  }

  private async putNow(key: string, body: Body, options: PutOptions): Promise<PutResult> {
    const target = this.pathOf(key);
    await this.ensureFolder(path.dirname(target), key, this.realRoot);
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
      await this.writeSidecar(key, sidecar);
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
    const bytes = await fsp.readFile(file);
    return decodeStored(bytes, (await this.readSidecar(key))?.contentEncoding, key, this.location);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const file = await this.existingFile(key);
    if (file === undefined) return undefined;
    const stat = await fsp.stat(file);
    const md5 = createHash('md5');
    for await (const chunk of fs.createReadStream(file)) md5.update(chunk as Buffer);
    const sidecar = await this.readSidecar(key);
    const hex = md5.digest('hex');
    // The content's MD5 is the local store's ETag: it changes whenever the content does.
    const info: ObjectInfo = { key, size: stat.size, lastModified: stat.mtime, md5: hex, etag: `"${hex}"` };
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
    const folder = folderKey === '' ? this.realRoot : path.join(this.realRoot, ...folderKey.split('/'));
    let entries: fs.Dirent[];
    try {
      // A prefix can name a folder through a symbolic link, which the walk below would never enter.
      if ((await fsp.realpath(folder)) !== folder) return;
      entries = await fsp.readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
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
      const sidecar = this.sidecarOf(key);
      // Both folders are checked before anything goes: rm removes a link itself, never its target,
      // but a linked folder on the way would make it remove a file elsewhere.
      await this.assertRealInside(path.dirname(target), key, true, this.realRoot);
      await this.assertRealInside(path.dirname(sidecar), key, true, this.metaRoot);
      await fsp.rm(target, { force: true });
      await fsp.rm(sidecar, { force: true });
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
    const target = path.join(this.realRoot, ...segments);
    const relative = path.relative(this.realRoot, target);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) throw new UnsafeKeyError(key, 'it resolves outside the store folder');
    return target;
  }

  private get metaRoot(): string {
    return path.join(this.realRoot, RESERVED, 'meta');
  }

  private sidecarOf(key: string): string {
    return path.join(this.metaRoot, ...key.split('/')) + '.json';
  }

  private async readSidecar(key: string): Promise<Sidecar | undefined> {
    const real = await this.realPathInside(this.sidecarOf(key), key, this.metaRoot);
    return real === undefined ? undefined : (JSON.parse(await fsp.readFile(real, 'utf8')) as Sidecar);
  }

  /** Through a temp file and a rename, so a link where the sidecar goes is replaced, not written through. */
  private async writeSidecar(key: string, sidecar: Sidecar): Promise<void> {
    const meta = this.sidecarOf(key);
    await this.ensureFolder(path.dirname(meta), key, this.metaRoot);
    const tmp = path.join(this.realRoot, RESERVED, 'tmp', `${randomUUID()}.json`);
    try {
      await fsp.writeFile(tmp, JSON.stringify(sidecar), { flag: 'wx' });
      await fsp.rename(tmp, meta);
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  /** The real path of the key's file when it exists and lies inside the store; undefined when missing. */
  private async existingFile(key: string): Promise<string | undefined> {
    const real = await this.realPathInside(this.pathOf(key), key, this.realRoot);
    if (real === undefined) return undefined;
    const stat = await fsp.stat(real);
    return stat.isFile() ? real : undefined;
  }

  /** The real path of `file`, checked to lie inside `within`; undefined when it does not exist. */
  private async realPathInside(file: string, key: string, within: string): Promise<string | undefined> {
    let real: string;
    try {
      real = await fsp.realpath(file);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    this.assertInside(real, key, within);
    return real;
  }

  /** Creates the key's folder, after checking that what already exists of it resolves inside `within`; checks again once created. */
  private async ensureFolder(folder: string, key: string, within: string): Promise<void> {
    await this.assertRealInside(folder, key, false, within);
    await fsp.mkdir(folder, { recursive: true });
    this.assertInside(await fsp.realpath(folder), key, within);
  }

  /** Checks the real path of `folder`, or of its deepest existing ancestor, against `within` (a real path). */
  private async assertRealInside(folder: string, key: string, allowMissing: boolean, within: string): Promise<void> {
    let existing = folder;
    for (;;) {
      try {
        this.assertInside(await fsp.realpath(existing), key, within);
        return;
      } catch (error) {
        if (!isMissing(error)) throw error;
        if (existing === within || existing === this.realRoot) {
          if (allowMissing) return;
          throw error;
        }
        existing = path.dirname(existing);
      }
    }
  }

  private assertInside(real: string, key: string, within: string): void {
    const relative = path.relative(within, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UnsafeKeyError(key, `it resolves (through a symbolic link) outside the ${within === this.realRoot ? 'store folder' : "store's metadata folder"}`);
    }
  }

  private async pruneEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    const stops = new Set([this.realRoot, this.metaRoot]);
    while (!stops.has(current) && current.startsWith(this.realRoot + path.sep)) {
      try {
        await fsp.rmdir(current);
      } catch {
        return;
      }
      current = path.dirname(current);
    }
  }
}

/** A file-system error saying the path, or a folder on the way to it, does not exist. */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
