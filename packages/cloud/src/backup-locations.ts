import type { CloudOptionsSettings } from '@panoptic/model/cloud-settings';
import { CloudConfigError } from './errors.js';

type BackupLocation = NonNullable<CloudOptionsSettings['backup_locations']>[number];

/** What a backup store takes from the primary's settings whatever its kind: how files go up. */
const TRANSFER_KEYS = ['parallel_uploads', 'compression', 'compression_level', 'retry_attempts', 'retry_backoff_ms', 'request_timeout_ms'] as const;
/** What it takes too when it is the same kind of store: where the service is and who signs in. */
const ACCOUNT_KEYS = ['region', 'endpoint', 'access_key', 'secret_key', 'force_path_style', 'connection_string', 'sas_token'] as const;
/**
 * And the store's own encryption at rest, whose KMS key or encryption scope belongs to that account:
 * a copy is encrypted as the primary is. (Client-side encryption covers every backup anyway.)
 */
const SERVER_SIDE_ENCRYPTION_KEYS = ['encryption', 'kms_key_id', 'encryption_scope'] as const;

const SCHEMES: Readonly<Record<string, 'aws' | 'gcp' | 'azure'>> = { 's3:': 'aws', 'gs:': 'gcp', 'azure:': 'azure' };

/** Providers that are one kind of store: `aws` and `s3` name the same service. */
function kindOf(provider: string | undefined): string {
  return provider === 's3' ? 'aws' : (provider ?? 'local');
}

/**
 * The settings of one entry of `backup_locations`, in `settings.cloud`'s form, ready for
 * `cloudOptionsFromSettings`. An entry is a folder (relative to the working directory), a URL of
 * the form `s3://bucket`, `gs://bucket` or `azure://container`, which signs in as the primary does
 * and is encrypted at rest as the primary is when the primary is the same kind of store (else it
 * signs in from the environment), or a map like the primary's. Every backup uses the primary's
 * transfer settings, so it is verified and retried the same way.
 */
export function backupSettingsOf(primary: CloudOptionsSettings, entry: BackupLocation, index: number): Record<string, unknown> {
  const where = `settings.cloud.backup_locations[${index}]`;
  const transfer = pick(primary, TRANSFER_KEYS);
  if (typeof entry !== 'string') return { ...transfer, ...entry };
  const value = entry.trim();
  if (value === '') throw new CloudConfigError(`${where} is empty: give a folder, s3://bucket, gs://bucket, azure://container or a map like settings.cloud`);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value) ? new URL(value).protocol : undefined;
  if (scheme === undefined) return { ...transfer, provider: 'local', bucket: value };
  const provider = SCHEMES[scheme];
  if (!provider) throw new CloudConfigError(`${where}: unknown scheme ${scheme}//; use a folder, s3://bucket, gs://bucket or azure://container`);
  const bucket = value.slice(scheme.length + 2).replace(/\/+$/, '');
  if (!bucket || bucket.includes('/')) throw new CloudConfigError(`${where}: expected ${scheme}//<name> with a bucket or container name and no path`);
  const account = kindOf(primary.provider) === provider ? pick(primary, [...ACCOUNT_KEYS, ...SERVER_SIDE_ENCRYPTION_KEYS]) : {};
  return { ...transfer, ...account, provider, bucket };
}

function pick(settings: CloudOptionsSettings, keys: readonly (keyof CloudOptionsSettings)[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => settings[key] !== undefined).map((key) => [key, settings[key]]));
}
