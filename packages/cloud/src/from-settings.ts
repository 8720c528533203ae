import path from 'node:path';
import { readCloudSettings, type CloudOptionsSettings } from '@panoptic/model/cloud-settings';
import { backupSettingsOf } from './backup-locations.js';
import { encryptionSettings } from './encryption/settings.js';
import { CloudConfigError } from './errors.js';
import { assertSafeKey } from './keys.js';
import { DEFAULT_TRANSFER, type CloudOptions, type RetentionOptions, type TransferOptions } from './options.js';

/** Where signed links in reports stay valid by default: 7 days, the longest SigV4 allows. */
export const DEFAULT_SIGNED_URL_SECONDS = 7 * 24 * 3600;
export const DEFAULT_PREFIX = 'panoptic';
export const GCS_ENDPOINT = 'https://storage.googleapis.com';
/** `sync_interval` when `enable_sync` is on without one: the performance guide's five minutes. */
export const DEFAULT_SYNC_INTERVAL_SECONDS = 300;

type Env = Record<string, string | undefined>;

/**
 * `CloudOptions` from a suite's `settings.cloud` (the original schema's snake_case keys) and the
 * environment.
 *
 * - `provider`: `local` (`bucket` is a folder, relative to `baseDir`), `aws`/`s3`, `gcp` (the XML
 *   API with HMAC keys, endpoint `https://storage.googleapis.com` unless given), `azure` (`bucket`
 *   is the container, `endpoint` the account URL). Default `local`.
 * - S3 credentials: `access_key`/`secret_key`, else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
 *   (with AWS_SESSION_TOKEN), else the AWS SDK's default chain (profiles, SSO, roles).
 * - Azure credentials: `access_key`/`secret_key` (account name and key, also AZURE_STORAGE_ACCOUNT /
 *   AZURE_STORAGE_KEY), else AZURE_STORAGE_CONNECTION_STRING, else `endpoint` with
 *   AZURE_STORAGE_SAS_TOKEN, else `endpoint` with DefaultAzureCredential.
 * - Transfer: `parallel_uploads`, `compression`, `compression_level`, `retry_attempts`,
 *   `retry_backoff_ms`; retention: `retention_days`, `retention_policy.{enabled,days,max_size_gb,
 *   auto_cleanup}`, `auto_cleanup`; `delete_local_after_sync`.
 * - During the run: `enable_sync` with `sync_interval` (seconds, default 300). Links: `enable_cdn`
 *   with `cdn_endpoint`. Copies: `backup_locations` (see `backupSettingsOf`).
 * - Also read when present (programmatic use): `prefix`, `force_path_style`, `connection_string`,
 *   `sas_token`, `signed_url_seconds`, `request_timeout_ms`.
 *
 * Errors name the key path and what would be right; they never contain a secret.
 */
export function cloudOptionsFromSettings(cloud: Record<string, unknown>, env: Env = process.env, baseDir: string = process.cwd()): CloudOptions {
  // The suite's validation and this reader share one schema (@panoptic/model), so they cannot drift.
  let settings: CloudOptionsSettings;
  try {
    settings = readCloudSettings(cloud, 'settings.cloud');
  } catch (error) {
    throw new CloudConfigError((error as Error).message);
  }
  const kind = settings.provider ?? 'local';
  const bucket = text(settings.bucket);
  if (!bucket) {
    const what = kind === 'local' ? 'the folder to store artifacts in' : kind === 'azure' ? 'the blob container' : 'the bucket';
    throw new CloudConfigError(`settings.cloud.bucket is required for provider "${kind}": ${what}`);
  }

  const transfer: TransferOptions = {
    ...DEFAULT_TRANSFER,
    concurrency: settings.parallel_uploads ?? DEFAULT_TRANSFER.concurrency,
    compression: settings.compression ?? DEFAULT_TRANSFER.compression,
    compressionLevel: settings.compression_level ?? DEFAULT_TRANSFER.compressionLevel,
    retryAttempts: settings.retry_attempts ?? DEFAULT_TRANSFER.retryAttempts,
    retryBackoffMs: settings.retry_backoff_ms ?? DEFAULT_TRANSFER.retryBackoffMs,
    requestTimeoutMs: settings.request_timeout_ms ?? DEFAULT_TRANSFER.requestTimeoutMs,
  };

  const policy = settings.retention_policy;
  const enabled = policy?.enabled ?? true;
  const retention: RetentionOptions = { autoCleanup: enabled && (policy?.auto_cleanup ?? settings.auto_cleanup ?? false) };
  const days = policy?.days ?? settings.retention_days;
  const maxSizeGb = policy?.max_size_gb;
  if (enabled && days !== undefined) retention.days = days;
  if (enabled && maxSizeGb !== undefined) retention.maxSizeGb = maxSizeGb;

  const prefix = (text(settings.prefix) ?? DEFAULT_PREFIX).replace(/^\/+|\/+$/g, '');
  if (prefix !== '') {
    try {
      assertSafeKey(prefix);
    } catch (error) {
      throw new CloudConfigError(`settings.cloud.prefix: ${(error as Error).message}`);
    }
  }

  const options: CloudOptions = {
    provider: 'local',
    bucket,
    prefix,
    transfer,
    retention,
    deleteLocalAfterSync: settings.delete_local_after_sync ?? false,
    signedUrlSeconds: settings.signed_url_seconds ?? DEFAULT_SIGNED_URL_SECONDS,
    ...duringRunSettings(settings),
    ...encryptionSettings(settings),
  };
  const backups = (settings.backup_locations ?? []).map((entry, index) => backupOptions(settings, entry, index, env, baseDir));
  if (backups.length) options.backups = backups;

  switch (kind) {
    case 'local':
      options.bucket = path.resolve(baseDir, bucket);
      return options;
    case 'aws':
    case 's3':
      return { ...options, ...s3Settings(settings, env) };
    case 'gcp':
      return { ...options, ...gcpSettings(settings, env) };
    case 'azure':
      return { ...options, ...azureSettings(settings, env) };
  }
}

/** `enable_sync`/`sync_interval` and `enable_cdn`/`cdn_endpoint`, each pair only when turned on. */
function duringRunSettings(settings: CloudOptionsSettings): Pick<CloudOptions, 'syncIntervalSeconds' | 'cdnEndpoint'> {
  const out: Pick<CloudOptions, 'syncIntervalSeconds' | 'cdnEndpoint'> = {};
  if (settings.enable_sync) out.syncIntervalSeconds = settings.sync_interval ?? DEFAULT_SYNC_INTERVAL_SECONDS;
  if (settings.enable_cdn) {
    const cdn = endpointUrl(settings.cdn_endpoint, { key: 'cdn_endpoint' });
    if (!cdn) throw new CloudConfigError('settings.cloud.enable_cdn is on but settings.cloud.cdn_endpoint is not set: give the CDN\'s URL, such as https://cdn.example.com');
    out.cdnEndpoint = cdn;
  }
  return out;
}

function backupOptions(settings: CloudOptionsSettings, entry: NonNullable<CloudOptionsSettings['backup_locations']>[number], index: number, env: Env, baseDir: string): CloudOptions {
  const backup = backupSettingsOf(settings, entry, index);
  try {
    return cloudOptionsFromSettings(backup, env, baseDir);
  } catch (error) {
    // The backup's own errors name its keys as the primary's would; say which entry they are in.
    throw new CloudConfigError((error as Error).message.replaceAll('settings.cloud.', `settings.cloud.backup_locations[${index}].`));
  }
}

function s3Settings(settings: CloudOptionsSettings, env: Env): Partial<CloudOptions> {
  const out: Partial<CloudOptions> = { provider: 's3' };
  const region = text(settings.region) ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (region) out.region = region;
  const endpoint = endpointUrl(settings.endpoint);
  if (endpoint) out.endpoint = endpoint;
  if (settings.force_path_style !== undefined) out.forcePathStyle = settings.force_path_style;
  const keys = keyPair(settings, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY');
  if (keys) {
    out.accessKey = keys.accessKey;
    out.secretKey = keys.secretKey;
    if (keys.fromEnv && nonEmpty(env.AWS_SESSION_TOKEN)) out.sessionToken = env.AWS_SESSION_TOKEN!;
  }
  return out;
}

function gcpSettings(settings: CloudOptionsSettings, env: Env): Partial<CloudOptions> {
  const keys = keyPair(settings, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY');
  if (!keys) {
    throw new CloudConfigError(
      'settings.cloud.provider "gcp" needs HMAC keys: Panoptic talks to Google Cloud Storage through its S3-compatible XML API. ' +
        'Create an HMAC key for a service account (Cloud Storage > Settings > Interoperability) and set settings.cloud.access_key and ' +
        'settings.cloud.secret_key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); settings.cloud.endpoint defaults to ' +
        `${GCS_ENDPOINT}.`,
    );
  }
  return {
    provider: 's3',
    endpoint: endpointUrl(settings.endpoint) ?? GCS_ENDPOINT,
    region: text(settings.region) ?? 'auto',
    forcePathStyle: settings.force_path_style ?? true,
    accessKey: keys.accessKey,
    secretKey: keys.secretKey,
  };
}

function azureSettings(settings: CloudOptionsSettings, env: Env): Partial<CloudOptions> {
  const out: Partial<CloudOptions> = { provider: 'azure' };
  let sasToken = text(settings.sas_token) ?? nonEmpty(env.AZURE_STORAGE_SAS_TOKEN);
  let endpoint = endpointUrl(settings.endpoint, { allowQuery: true });
  if (endpoint) {
    // An account URL pasted with its SAS: keep the SAS apart so that it never shows in locations.
    const url = new URL(endpoint);
    if (url.search) {
      sasToken ??= url.search.slice(1);
      url.search = '';
      endpoint = url.href.replace(/\/$/, '');
    }
  }
  const keys = keyPair(settings, env.AZURE_STORAGE_ACCOUNT, env.AZURE_STORAGE_KEY, 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_KEY');
  const connectionString = text(settings.connection_string) ?? nonEmpty(env.AZURE_STORAGE_CONNECTION_STRING);
  if (keys && !keys.fromEnv) {
    out.accessKey = keys.accessKey;
    out.secretKey = keys.secretKey;
  } else if (connectionString) {
    out.connectionString = connectionString;
  } else if (keys) {
    out.accessKey = keys.accessKey;
    out.secretKey = keys.secretKey;
  } else if (!endpoint) {
    throw new CloudConfigError(
      'settings.cloud.provider "azure" needs credentials: set AZURE_STORAGE_CONNECTION_STRING, or settings.cloud.endpoint ' +
        '(the account URL, https://<account>.blob.core.windows.net) with AZURE_STORAGE_SAS_TOKEN or with Azure AD sign-in ' +
        '(DefaultAzureCredential: environment, managed identity or az login), or settings.cloud.access_key (account name) and ' +
        'settings.cloud.secret_key (account key).',
    );
  }
  if (endpoint) out.endpoint = endpoint;
  if (sasToken && !out.connectionString && !out.secretKey) out.sasToken = sasToken.replace(/^\?/, '');
  return out;
}

interface KeyPair {
  accessKey: string;
  secretKey: string;
  fromEnv: boolean;
}

/** `access_key`/`secret_key` from settings, both or neither; else the pair from the environment. */
function keyPair(settings: CloudOptionsSettings, envAccess: string | undefined, envSecret: string | undefined, envAccessName: string, envSecretName: string): KeyPair | undefined {
  const accessKey = text(settings.access_key);
  const secretKey = text(settings.secret_key);
  if (accessKey && secretKey) return { accessKey, secretKey, fromEnv: false };
  if (accessKey || secretKey) {
    const [set, unset] = accessKey ? ['access_key', 'secret_key'] : ['secret_key', 'access_key'];
    throw new CloudConfigError(`settings.cloud.${set} is set but settings.cloud.${unset} is not: set both, or neither to use the environment`);
  }
  const access = nonEmpty(envAccess);
  const secret = nonEmpty(envSecret);
  if (access && secret) return { accessKey: access, secretKey: secret, fromEnv: true };
  if (access || secret) {
    throw new CloudConfigError(`${access ? envAccessName : envSecretName} is set in the environment but ${access ? envSecretName : envAccessName} is not: set both`);
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A string setting, trimmed; blank counts as unset, as it did in the original tool. */
function text(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** `settings.cloud.endpoint` (or `key`): an http(s) URL without user info; a query only where `allowQuery` (it may hold a SAS). */
function endpointUrl(setting: string | undefined, options: { allowQuery?: boolean; key?: string } = {}): string | undefined {
  const value = text(setting);
  if (value === undefined) return undefined;
  const where = `settings.cloud.${options.key ?? 'endpoint'}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CloudConfigError(`${where}: expected an http or https URL such as https://s3.example.com, got a value that is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CloudConfigError(`${where}: expected an http or https URL, got a ${url.protocol} URL`);
  }
  if (url.username || url.password) {
    throw new CloudConfigError(`${where}: the URL must not carry credentials; use access_key and secret_key`);
  }
  if (url.search && !options.allowQuery) {
    throw new CloudConfigError(`${where}: the URL must not have a query string (${url.origin}${url.pathname}?...)`);
  }
  return value.replace(/\/+$/, '');
}
