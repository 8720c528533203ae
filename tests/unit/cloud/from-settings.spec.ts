import path from 'node:path';
import { test, expect } from '@playwright/test';
import { CloudConfigError, cloudOptionsFromSettings, DEFAULT_TRANSFER, GCS_ENDPOINT } from '@panoptic/cloud';

const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
const base = path.resolve('/suites/shop');

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

test('local: the bucket is a folder relative to the suite', () => {
  const options = cloudOptionsFromSettings({ provider: 'local', bucket: 'artifacts' }, {}, base);
  expect(options).toEqual({
    provider: 'local',
    bucket: path.join(base, 'artifacts'),
    prefix: 'panoptic',
    transfer: DEFAULT_TRANSFER,
    retention: { autoCleanup: false },
    deleteLocalAfterSync: false,
    signedUrlSeconds: 7 * 24 * 3600,
  });
  expect(cloudOptionsFromSettings({ bucket: '/srv/store' }, {}, base).bucket).toBe(path.resolve('/srv/store'));
});

test("the guide's transfer and retention settings map to options", () => {
  const options = cloudOptionsFromSettings(
    {
      provider: 'aws',
      bucket: 'panoptic-artifacts',
      region: 'eu-west-1',
      parallel_uploads: 10,
      compression: true,
      compression_level: 3,
      retry_attempts: 5,
      retry_backoff_ms: 1000,
      retention_days: 30,
      auto_cleanup: true,
      delete_local_after_sync: true,
    },
    {},
  );
  expect(options).toMatchObject({
    provider: 's3',
    bucket: 'panoptic-artifacts',
    region: 'eu-west-1',
    transfer: { ...DEFAULT_TRANSFER, concurrency: 10, compression: true, compressionLevel: 3, retryAttempts: 5, retryBackoffMs: 1000 },
    retention: { days: 30, autoCleanup: true },
    deleteLocalAfterSync: true,
  });
  expect(options.accessKey).toBeUndefined();
  expect(options.endpoint).toBeUndefined();
});

test('retention_policy wins over the flat keys, and enabled: false turns retention off', () => {
  const policy = cloudOptionsFromSettings(
    { bucket: 'b', retention_days: 30, auto_cleanup: false, retention_policy: { days: 7, max_size_gb: 2.5, auto_cleanup: true } },
    {},
    base,
  );
  expect(policy.retention).toEqual({ days: 7, maxSizeGb: 2.5, autoCleanup: true });
  const off = cloudOptionsFromSettings({ bucket: 'b', retention_days: 30, auto_cleanup: true, retention_policy: { enabled: false, days: 7 } }, {}, base);
  expect(off.retention).toEqual({ autoCleanup: false });
});

test('s3: keys from settings, else from the environment with the session token, else the SDK chain', () => {
  const fromSettings = cloudOptionsFromSettings({ provider: 's3', bucket: 'b', access_key: 'AKIDSETTINGS', secret_key: SECRET }, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: 't' });
  expect(fromSettings).toMatchObject({ accessKey: 'AKIDSETTINGS', secretKey: SECRET });
  expect(fromSettings.sessionToken).toBeUndefined();

  const fromEnv = cloudOptionsFromSettings({ provider: 's3', bucket: 'b' }, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: 'token', AWS_REGION: 'us-west-2' });
  expect(fromEnv).toMatchObject({ accessKey: 'AKIDENV', secretKey: SECRET, sessionToken: 'token', region: 'us-west-2' });

  const chain = cloudOptionsFromSettings({ provider: 'aws', bucket: 'b' }, {});
  expect(chain.accessKey).toBeUndefined();
  expect(chain.secretKey).toBeUndefined();
});

test('s3-compatible endpoint: path style', () => {
  const options = cloudOptionsFromSettings({ provider: 's3', bucket: 'b', endpoint: 'http://127.0.0.1:9000/', access_key: 'a', secret_key: 'b' }, {});
  expect(options).toMatchObject({ endpoint: 'http://127.0.0.1:9000' });
  expect(cloudOptionsFromSettings({ provider: 's3', bucket: 'b', endpoint: 'http://minio:9000', force_path_style: false }, {}).forcePathStyle).toBe(false);
});

test('gcp: the XML API with HMAC keys, at storage.googleapis.com unless told otherwise', () => {
  const options = cloudOptionsFromSettings({ provider: 'gcp', bucket: 'gcs-bucket', access_key: 'GOOG1EXAMPLE', secret_key: SECRET }, {});
  expect(options).toMatchObject({
    provider: 's3',
    bucket: 'gcs-bucket',
    endpoint: GCS_ENDPOINT,
    region: 'auto',
    forcePathStyle: true,
    accessKey: 'GOOG1EXAMPLE',
    secretKey: SECRET,
  });
  expect(cloudOptionsFromSettings({ provider: 'gcp', bucket: 'b', endpoint: 'https://gcs.internal.example' }, { AWS_ACCESS_KEY_ID: 'GOOG1', AWS_SECRET_ACCESS_KEY: SECRET }).endpoint).toBe(
    'https://gcs.internal.example',
  );
});

test('gcp without HMAC keys says how to configure it', () => {
  const error = errorOf(() => cloudOptionsFromSettings({ provider: 'gcp', bucket: 'b' }, {}));
  expect(error).toBeInstanceOf(CloudConfigError);
  expect(error.message).toContain('HMAC');
  expect(error.message).toContain('settings.cloud.access_key');
  expect(error.message).toContain('settings.cloud.secret_key');
  expect(error.message).toContain(GCS_ENDPOINT);
});

test('azure: connection string, SAS, account key or the default credential', () => {
  const conn = `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${SECRET};EndpointSuffix=core.windows.net`;
  expect(cloudOptionsFromSettings({ provider: 'azure', bucket: 'artifacts' }, { AZURE_STORAGE_CONNECTION_STRING: conn })).toMatchObject({
    provider: 'azure',
    bucket: 'artifacts',
    connectionString: conn,
  });

  const sas = cloudOptionsFromSettings({ provider: 'azure', bucket: 'c', endpoint: 'https://acct.blob.core.windows.net' }, { AZURE_STORAGE_SAS_TOKEN: '?sv=2024&sig=abc' });
  expect(sas).toMatchObject({ endpoint: 'https://acct.blob.core.windows.net', sasToken: 'sv=2024&sig=abc' });

  // An account URL pasted with its SAS: the SAS is split off, so locations never show it.
  const pasted = cloudOptionsFromSettings({ provider: 'azure', bucket: 'c', endpoint: 'https://acct.blob.core.windows.net/?sv=2024&sig=abc' }, {});
  expect(pasted).toMatchObject({ endpoint: 'https://acct.blob.core.windows.net', sasToken: 'sv=2024&sig=abc' });

  const key = cloudOptionsFromSettings({ provider: 'azure', bucket: 'c', access_key: 'acct', secret_key: SECRET }, { AZURE_STORAGE_CONNECTION_STRING: conn });
  expect(key).toMatchObject({ accessKey: 'acct', secretKey: SECRET });
  expect(key.connectionString).toBeUndefined();

  const identity = cloudOptionsFromSettings({ provider: 'azure', bucket: 'c', endpoint: 'https://acct.blob.core.windows.net' }, {});
  expect(identity).toMatchObject({ endpoint: 'https://acct.blob.core.windows.net' });
  expect(identity.sasToken ?? identity.connectionString ?? identity.secretKey).toBeUndefined();
});

test('azure without any credential says what to set', () => {
  const error = errorOf(() => cloudOptionsFromSettings({ provider: 'azure', bucket: 'c' }, {}));
  expect(error.message).toContain('AZURE_STORAGE_CONNECTION_STRING');
  expect(error.message).toContain('settings.cloud.endpoint');
  expect(error.message).toContain('DefaultAzureCredential');
});

test('invalid values name the key path and what is expected', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ provider: 'dropbox', bucket: 'b' }, /settings\.cloud\.provider: Invalid option: expected one of "local"\|"aws"\|"s3"\|"gcp"\|"azure"/],
    [{ provider: 'aws' }, /settings\.cloud\.bucket is required for provider "aws": the bucket/],
    [{ bucket: 'b', parallel_uploads: 0 }, /settings\.cloud\.parallel_uploads: Too small: expected number to be >0/],
    [{ bucket: 'b', compression_level: 10 }, /settings\.cloud\.compression_level: Too big: expected number to be <=9/],
    [{ bucket: 'b', compression: 'yes' }, /settings\.cloud\.compression: Invalid input: expected boolean, received string/],
    [{ bucket: 'b', retention_policy: { max_size_gb: -1 } }, /settings\.cloud\.retention_policy\.max_size_gb: Too small: expected number to be >=0/],
    [{ bucket: 'b', retention_policy: 'forever' }, /settings\.cloud\.retention_policy: Invalid input: expected object, received string/],
    [{ provider: 's3', bucket: 'b', endpoint: 'ftp://x' }, /settings\.cloud\.endpoint: expected an http or https URL, got a ftp: URL/],
    [{ bucket: 'b', prefix: '../x' }, /settings\.cloud\.prefix: unsafe storage key/],
    // The same schema as the suite's: a key it does not know is a mistake, not something to ignore.
    [{ bucket: 'b', bukcet: 'b' }, /settings\.cloud: Unrecognized key: "bukcet"/],
  ];
  for (const [settings, message] of cases) {
    const error = errorOf(() => cloudOptionsFromSettings(settings, {}, base));
    expect(error, JSON.stringify(settings)).toBeInstanceOf(CloudConfigError);
    expect(error.message).toMatch(message);
  }
});

test('errors never contain a secret value', () => {
  const errors = [
    errorOf(() => cloudOptionsFromSettings({ provider: 's3', bucket: 'b', access_key: 'AKID' }, {})),
    errorOf(() => cloudOptionsFromSettings({ provider: 's3', bucket: 'b', secret_key: SECRET }, {})),
    errorOf(() => cloudOptionsFromSettings({ provider: 's3', bucket: 'b', access_key: 'AKID', secret_key: 12345 }, {})),
    errorOf(() => cloudOptionsFromSettings({ provider: 's3', bucket: 'b' }, { AWS_SECRET_ACCESS_KEY: SECRET })),
    errorOf(() => cloudOptionsFromSettings({ provider: 's3', bucket: 'b', endpoint: `https://AKID:${SECRET}@s3.example.com` }, {})),
    errorOf(() => cloudOptionsFromSettings({ provider: 's3', bucket: 'b', endpoint: `https://s3.example.com/?X-Amz-Signature=${SECRET}` }, {})),
    errorOf(() => cloudOptionsFromSettings({ provider: 'azure', bucket: 'c', connection_string: 42 }, {})),
    errorOf(() => cloudOptionsFromSettings({ provider: 'gcp', bucket: 'b', secret_key: SECRET }, {})),
  ];
  expect(errors.map((e) => e.message)).toEqual([
    'settings.cloud.access_key is set but settings.cloud.secret_key is not: set both, or neither to use the environment',
    'settings.cloud.secret_key is set but settings.cloud.access_key is not: set both, or neither to use the environment',
    'settings.cloud.secret_key: Invalid input: expected string, received number',
    'AWS_SECRET_ACCESS_KEY is set in the environment but AWS_ACCESS_KEY_ID is not: set both',
    'settings.cloud.endpoint: the URL must not carry credentials; use access_key and secret_key',
    'settings.cloud.endpoint: the URL must not have a query string (https://s3.example.com/?...)',
    'settings.cloud.connection_string: Invalid input: expected string, received number',
    'settings.cloud.secret_key is set but settings.cloud.access_key is not: set both, or neither to use the environment',
  ]);
  for (const error of errors) expect(error.message).not.toContain(SECRET);
});
