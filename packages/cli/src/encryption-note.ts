import type { CloudOptions } from '@panoptic/cloud';

/** What a storage command says after where it writes, so that its output shows whether the store gets ciphertext. */
export function encryptionNote(options: CloudOptions): string {
  const keyEnv = options.encryption?.clientSideKeyEnv;
  return keyEnv ? `, encrypted here first (AES-256-GCM, key from ${keyEnv})` : '';
}
