import type { CloudOptions } from '../options.js';
import type { StorageProvider } from '../provider.js';
import { readEncryptionKey } from './key.js';
import { encryptingProvider } from './provider.js';

/**
 * What a store opened with `options` is wrapped in: with client-side encryption, every store (the
 * primary and each backup) encrypts what it writes. The key is read here, before any store is
 * opened, so that a missing key stops everything rather than letting a file go up in clear.
 */
export function sealerFor(options: CloudOptions, env: Record<string, string | undefined>): (provider: StorageProvider) => StorageProvider {
  const keyEnv = options.encryption?.clientSideKeyEnv;
  if (keyEnv === undefined) return (provider) => provider;
  const key = readEncryptionKey(env, keyEnv);
  return (provider) => encryptingProvider(provider, key);
}
