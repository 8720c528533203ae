import { test, expect } from '@playwright/test';
import { cloudOptionsFromSettings, createProvider, describeError, type StorageProvider } from '@panoptic/cloud';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy.js';
import { runPanoptic, writeProject } from '../../helpers/inline.js';
import { startAzurite, startS3rver, type AzuriteHandle, type S3rverHandle } from '../../helpers/storage-servers.js';

// A store that answers with an error must be reported as what it said: the HTTP status and the
// service's own error code, in the thrown error's message and in the one line the CLI prints. Never
// "UnknownError", an empty message, or a parser's complaint about the error page.

type Operation = [name: string, run: (provider: StorageProvider) => Promise<unknown>];

const OPERATIONS: Operation[] = [
  ['put', (p) => p.put('runs/a.txt', Buffer.from('a'), { contentType: 'text/plain' })],
  ['get', (p) => p.get('runs/a.txt')],
  ['head', (p) => p.head('runs/a.txt')],
  [
    'list',
    async (p) => {
      for await (const object of p.list('runs/')) void object;
    },
  ],
  ['delete', (p) => p.delete(['runs/a.txt'])],
];

const MEANINGLESS = /UnknownError|XML parse error|Deserialization error|^RestError\b/;

async function failureOf(operation: Operation, provider: StorageProvider): Promise<Error> {
  try {
    await operation[1](provider);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${operation[0]} succeeded, but the store was set up to refuse it`);
}

/** Every operation fails with the status and code in its message and in describeError's line. */
async function expectEveryOperationSays(provider: StorageProvider, status: RegExp, code: RegExp, operations = OPERATIONS): Promise<void> {
  for (const operation of operations) {
    const error = await failureOf(operation, provider);
    const line = describeError(error);
    for (const text of [error.message, line]) {
      expect(text, `${operation[0]}: ${text}`).toMatch(status);
      expect(text, `${operation[0]}: ${text}`).toMatch(code);
      expect(text, `${operation[0]}: ${text}`).not.toMatch(MEANINGLESS);
      expect(text.trim(), operation[0]).not.toBe('');
    }
  }
}

test.describe('S3 (s3rver)', () => {
  let s3: S3rverHandle;
  let proxy: FaultProxy;
  test.beforeAll(async () => {
    s3 = await startS3rver('errors');
    proxy = await startFaultProxy({ port: s3.port });
  });
  test.afterAll(async () => {
    await proxy?.close();
    await s3?.stop();
  });

  const settings = (endpoint: string, accessKey: string) => ({
    provider: 'aws',
    bucket: s3.bucket,
    endpoint,
    region: 'us-east-1',
    access_key: accessKey,
    secret_key: 'not-checked-by-s3rver',
    retry_attempts: 0,
  });

  test('a 503 with a plain-text page (a proxy or load balancer) says HTTP 503 Service Unavailable, not an XML parse error or UnknownError', async () => {
    proxy.always({ kind: 'http503' });
    try {
      const provider = await createProvider(cloudOptionsFromSettings(settings(proxy.url, s3.accessKey), {}));
      await expectEveryOperationSays(provider, /HTTP 503 Service Unavailable/, /Service Unavailable/);
    } finally {
      proxy.always(undefined);
      await proxy.dropConnections();
    }
  });

  test('a 403 for an unknown access key says HTTP 403 and InvalidAccessKeyId, also for HEAD (which has no error body)', async () => {
    const provider = await createProvider(cloudOptionsFromSettings(settings(s3.endpoint, 'NOT-A-KEY'), {}));
    await expectEveryOperationSays(provider, /HTTP 403 Forbidden/, /InvalidAccessKeyId/);
  });

  test('panoptic cleanup against a store answering 503 prints the status, not a parser error', async () => {
    proxy.always({ kind: 'http503' });
    try {
      const dir = writeProject({});
      const run = await runPanoptic(dir, ['cleanup', '--provider', 's3', '--bucket', s3.bucket, '--endpoint', proxy.url, '--region', 'us-east-1', '--days', '1'], {
        AWS_ACCESS_KEY_ID: s3.accessKey,
        AWS_SECRET_ACCESS_KEY: s3.secretKey,
      });
      expect(run.exitCode, run.output).toBe(1);
      expect(run.stderr).toMatch(/HTTP 503 Service Unavailable/);
      expect(run.stderr).not.toMatch(MEANINGLESS);
    } finally {
      proxy.always(undefined);
      await proxy.dropConnections();
    }
  });
});

test.describe('Azure (Azurite)', () => {
  let azurite: AzuriteHandle;
  let proxy: FaultProxy;
  test.beforeAll(async () => {
    azurite = await startAzurite('errors');
    proxy = await startFaultProxy({ port: azurite.port });
  });
  test.afterAll(async () => {
    await proxy?.close();
    await azurite?.stop();
  });

  test('a 503 says HTTP 503 Service Unavailable for every operation, HEAD included (no empty RestError)', async () => {
    proxy.always({ kind: 'http503' });
    try {
      const connectionString = azurite.connectionString(`${proxy.url}/${azurite.accountName}`);
      const provider = await createProvider(cloudOptionsFromSettings({ provider: 'azure', bucket: azurite.container, connection_string: connectionString, retry_attempts: 0 }, {}));
      await expectEveryOperationSays(provider, /HTTP 503 Service Unavailable/, /Service Unavailable/);
    } finally {
      proxy.always(undefined);
      await proxy.dropConnections();
    }
  });

  test('a wrong account key says HTTP 403 and AuthorizationFailure for every operation, HEAD included', async () => {
    const wrongKey = Buffer.from('this is not the account key').toString('base64');
    const provider = await createProvider(
      cloudOptionsFromSettings({ provider: 'azure', bucket: azurite.container, endpoint: azurite.endpoint, access_key: azurite.accountName, secret_key: wrongKey, retry_attempts: 0 }, {}),
    );
    await expectEveryOperationSays(provider, /HTTP 403 Forbidden/, /AuthorizationFailure/);
  });

  test('a read-only SAS used to write and delete says HTTP 403 and AuthorizationPermissionMismatch', async () => {
    const { ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters } = await import('@azure/storage-blob');
    const sas = generateBlobSASQueryParameters(
      { containerName: azurite.container, permissions: ContainerSASPermissions.parse('rl'), expiresOn: new Date(Date.now() + 3600_000) },
      new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey),
    ).toString();
    const provider = await createProvider(cloudOptionsFromSettings({ provider: 'azure', bucket: azurite.container, endpoint: azurite.endpoint, sas_token: sas, retry_attempts: 0 }, {}));
    const writes = OPERATIONS.filter(([name]) => name === 'put' || name === 'delete');
    await expectEveryOperationSays(provider, /HTTP 403 Forbidden/, /AuthorizationPermissionMismatch/, writes);
  });
});
