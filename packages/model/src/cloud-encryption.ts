import { z } from 'zod';

/**
 * The content type of an object sealed by client-side encryption, in the store and on an attachment
 * whose only copy is such an object: no browser can open it; `panoptic download --decrypt` reads it.
 */
export const ENCRYPTED_CONTENT_TYPE = 'application/vnd.panoptic.encrypted';

/** Where the client-side encryption key is read from unless `encryption_key_env` names another variable. */
export const DEFAULT_ENCRYPTION_KEY_ENV = 'PANOPTIC_ENCRYPTION_KEY';

const KEY_IN_SUITE =
  'a key never goes in a suite (it would be committed, shown and uploaded with it): put it in an environment variable ' +
  `and name that variable in encryption_key_env (default ${DEFAULT_ENCRYPTION_KEY_ENV})`;

/**
 * The encryption keys of `settings.cloud`: the original's `encryption` switch and Panoptic's own
 * keys that say which encryption and with which key. The key itself is never a setting.
 */
export const encryptionSettingsShape = {
  encryption: z
    .boolean()
    .describe(
      'Server-side encryption at rest: SSE-S3 (AES256) on S3, SSE-KMS with kms_key_id; on Azure and Google Cloud Storage, the service encryption every object gets, with encryption_scope on Azure when named. Not for provider local (use client_side_encryption).',
    )
    .optional(),
  kms_key_id: z.string().min(1).describe('S3: SSE-KMS with this KMS key id, ARN or alias instead of SSE-S3 (needs encryption: true).').optional(),
  encryption_scope: z.string().min(1).describe('Azure: the encryption scope every blob is written with (needs encryption: true).').optional(),
  client_side_encryption: z
    .boolean()
    .describe(
      `AES-256-GCM on this machine before anything is stored, for every provider; the 32-byte key (base64 or hex) comes from the environment variable named by encryption_key_env (default ${DEFAULT_ENCRYPTION_KEY_ENV}). Read stored files back with panoptic download --decrypt.`,
    )
    .optional(),
  encryption_key_env: z
    .string()
    .describe(`The NAME of the environment variable that holds the client-side key (default ${DEFAULT_ENCRYPTION_KEY_ENV}); never the key.`)
    .optional(),
  /** Accepted by the shape only to be refused with a message that says where the key goes. */
  encryption_key: z.unknown().describe(`Never set: ${KEY_IN_SUITE}.`).optional(),
};

/** The settings the rules read: `settings.cloud` as parsed, or as written when only warnings are asked for. */
type EncryptionSettings = Readonly<Record<string, unknown>>;

function providerOf(settings: EncryptionSettings): string {
  return typeof settings.provider === 'string' ? settings.provider : 'local';
}

/**
 * 64 hex digits, or 43-44 characters mixing cases and digits (base64 of 32 bytes): a key pasted where
 * the variable's name goes. Variable names are rarely that long, and rarely mixed case.
 */
function looksLikeKey(value: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(value) || (/^.{43,44}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value));
}

/**
 * What makes encryption settings wrong, as zod issues at the key they are about (a suite's
 * validation locates them at file:line:col): a key in the settings, a key where its variable's name
 * goes, and server-side encryption asked of a folder. Values are never quoted: they may be keys.
 */
export function checkEncryptionSettings(settings: EncryptionSettings, ctx: z.RefinementCtx): void {
  const issue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  const provider = providerOf(settings);
  if (settings.encryption_key !== undefined) issue('encryption_key', KEY_IN_SUITE);
  const keyEnv = settings.encryption_key_env;
  if (typeof keyEnv === 'string' && looksLikeKey(keyEnv)) {
    issue('encryption_key_env', `this looks like a key, not the name of an environment variable: ${KEY_IN_SUITE}`);
  } else if (typeof keyEnv === 'string' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) {
    issue('encryption_key_env', `expected the NAME of an environment variable (letters, digits and _), such as ${DEFAULT_ENCRYPTION_KEY_ENV}`);
  }
  if (settings.encryption === true && provider === 'local') {
    issue(
      'encryption',
      `a local folder has no server-side encryption: set client_side_encryption: true (the key in ${DEFAULT_ENCRYPTION_KEY_ENV}) to store only ciphertext, or encryption: false`,
    );
  }
}

/**
 * Encryption keys that change nothing where they are: a switch they need is off, or the provider
 * has no such thing. Said as warnings, as other keys that do not apply are.
 */
export function encryptionSettingWarnings(settings: EncryptionSettings): { key: string; message: string }[] {
  const warnings: { key: string; message: string }[] = [];
  const provider = providerOf(settings);
  const s3 = provider === 'aws' || provider === 's3';
  if (settings.encryption_key_env !== undefined && settings.client_side_encryption !== true) {
    warnings.push({ key: 'encryption_key_env', message: 'has no effect without client_side_encryption: true' });
  }
  if (settings.kms_key_id !== undefined && !s3) {
    const instead = provider === 'azure' ? ' (Azure names an encryption_scope instead)' : '';
    warnings.push({ key: 'kms_key_id', message: `has no effect: SSE-KMS is S3's, provider "${provider}" takes no KMS key id${instead}` });
  } else if (settings.kms_key_id !== undefined && settings.encryption !== true) {
    warnings.push({ key: 'kms_key_id', message: 'has no effect without encryption: true (server-side encryption)' });
  }
  if (settings.encryption_scope !== undefined && provider !== 'azure') {
    warnings.push({ key: 'encryption_scope', message: `has no effect: an encryption scope is Azure's, provider "${provider}" has none${s3 ? ' (S3 takes kms_key_id)' : ''}` });
  } else if (settings.encryption_scope !== undefined && settings.encryption !== true) {
    warnings.push({ key: 'encryption_scope', message: 'has no effect without encryption: true (server-side encryption)' });
  }
  return warnings;
}
