import fsp from 'node:fs/promises';
import path from 'node:path';
import type { EncryptionKey, ObjectInfo } from '@panoptic/cloud';
import { CommandError, reportErrors } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { formatBytes, plural } from '../format.js';
import type { StoreFlags } from '../options/store.js';
import { resolveStore } from '../store-from-options.js';

export interface DownloadFlags extends StoreFlags {
  out?: string;
  decrypt?: boolean;
  keyEnv?: string;
}

/**
 * `panoptic download <key>`: every object whose key starts with `key`, written under `--out` by its
 * path below the key's last `/`. Objects come as they are stored, ciphertext included, unless
 * `--decrypt`: then each encrypted one is decrypted (and gunzipped when it was compressed) with the
 * key from the environment, and checked, before a byte of it is written. A wrong key, or a changed
 * object, stops the download with an error that says which; no undecrypted bytes are written.
 */
export async function downloadCommand(key: string, flags: DownloadFlags, io: CommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  return reportErrors(io, async () => {
    const cloud = await import('@panoptic/cloud');
    const env = io.env ?? process.env;
    const store = await resolveStore(flags, io, { sealed: false });
    const keyEnv = flags.keyEnv ?? store.options.encryption?.clientSideKeyEnv ?? cloud.DEFAULT_ENCRYPTION_KEY_ENV;
    // Read first: a missing or malformed key fails before anything is downloaded.
    const secret: EncryptionKey | undefined = flags.decrypt ? cloud.readEncryptionKey(env, keyEnv) : undefined;
    const objects: ObjectInfo[] = [];
    for await (const object of store.provider.list(key)) objects.push(object);
    if (objects.length === 0) throw new CommandError([`no object in ${store.provider.location} has a key starting with ${JSON.stringify(key)}`]);
    const out = path.resolve(io.cwd ?? process.cwd(), flags.out ?? '.');
    const base = key.slice(0, key.lastIndexOf('/') + 1);
    let bytes = 0;
    let encrypted = 0;
    for (const object of objects) {
      const target = targetOf(out, object.key.slice(base.length), object.key, cloud.assertSafeKey);
      const stored = await store.provider.get(object.key);
      let content = stored;
      if (cloud.isEncrypted(stored)) {
        encrypted++;
        if (secret) content = await cloud.decryptStored(secret, stored, object.key, store.provider.location);
      } else if (secret) {
        stderr.write(`note: ${object.key} is stored in clear (not encrypted); written as it is\n`);
      }
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.writeFile(target, content);
      bytes += content.length;
    }
    const how = encrypted === 0 ? '' : secret ? `; ${encrypted} decrypted with the key in ${keyEnv}` : `; ${encrypted} encrypted, written as stored (add --decrypt, with the key in ${keyEnv})`;
    stdout.write(`downloaded ${plural(objects.length, 'file')} (${formatBytes(bytes)}) from ${store.provider.location} to ${out}${how}\n`);
    return 0;
  });
}

/** Where an object goes: its path below the key asked for, which must stay inside `out`. */
function targetOf(out: string, relative: string, key: string, assertSafeKey: (key: string) => void): string {
  try {
    assertSafeKey(relative);
  } catch (error) {
    throw new CommandError([`${JSON.stringify(key)} cannot be written below ${out}: ${(error as Error).message}`]);
  }
  return path.join(out, ...relative.split('/'));
}
