import { DEFAULT_ENCRYPTION_KEY_ENV, type CloudOptionsSettings } from '@panoptic/model/cloud-settings';
import type { EncryptionOptions } from '../options.js';

/**
 * `EncryptionOptions` from checked settings (the schema already refused keys that do not fit the
 * provider, and any key in the settings). `encryption: true` is SSE-S3 on S3, SSE-KMS with
 * `kms_key_id`; Azure and Google Cloud Storage encrypt every object at rest anyway, so there it
 * adds only Azure's `encryption_scope` when one is named. Undefined when nothing is asked for.
 */
export function encryptionOptionsOf(settings: CloudOptionsSettings): EncryptionOptions | undefined {
  const out: EncryptionOptions = {};
  const provider = settings.provider ?? 'local';
  if (settings.encryption === true && (provider === 'aws' || provider === 's3')) {
    out.s3 = settings.kms_key_id ? { mode: 'aws:kms', kmsKeyId: settings.kms_key_id } : { mode: 'AES256' };
  }
  if (settings.encryption === true && provider === 'azure' && settings.encryption_scope) out.azureScope = settings.encryption_scope;
  if (settings.client_side_encryption === true) out.clientSideKeyEnv = settings.encryption_key_env ?? DEFAULT_ENCRYPTION_KEY_ENV;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `{ encryption }` for `CloudOptions` when the settings ask for any, else nothing. */
export function encryptionSettings(settings: CloudOptionsSettings): { encryption?: EncryptionOptions } {
  const encryption = encryptionOptionsOf(settings);
  return encryption ? { encryption } : {};
}
