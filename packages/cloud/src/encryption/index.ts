export { DEFAULT_ENCRYPTION_KEY_ENV } from '@panoptic/model/cloud-settings';
export { type EncryptionKey, readEncryptionKey } from './key.js';
export { DecryptionError, ENCRYPTED_CONTENT_TYPE, decryptStored, isEncrypted } from './format.js';
export { ENCRYPTION_METADATA } from './provider.js';
