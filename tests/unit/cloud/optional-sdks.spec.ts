import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../../helpers/inline.js';

// The SDKs are optional peer dependencies loaded at first use. Run Node with resolve hooks that make
// every @aws-sdk/* and @azure/* package missing, as on a web-only install: the package must load,
// the local store must work, and the cloud providers must say which package to install.

const HOOKS = `
export async function resolve(specifier, context, next) {
  if (/^@(aws-sdk|azure)\\//.test(specifier)) {
    throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}`;

const SCRIPT = `
import fs from 'node:fs';
import path from 'node:path';
const cloud = await import('@panoptic/cloud');
const dir = process.env.PANOPTIC_TEST_DIR;
fs.writeFileSync(path.join(dir, 'a.txt'), 'hello');
const local = cloud.cloudOptionsFromSettings({ provider: 'local', bucket: 'store' }, {}, dir);
const provider = await cloud.createProvider(local);
const [result] = await cloud.uploadFiles(provider, [{ file: path.join(dir, 'a.txt'), key: 'run/a.txt' }], local.transfer);
console.log('local:', result.status);
for (const settings of [
  { provider: 's3', bucket: 'b', region: 'us-east-1' },
  { provider: 'azure', bucket: 'c', endpoint: 'https://acct.blob.core.windows.net', sas_token: 'sv=1&sig=x' },
  { provider: 'azure', bucket: 'c', endpoint: 'https://acct.blob.core.windows.net' },
]) {
  try {
    await cloud.createProvider(cloud.cloudOptionsFromSettings(settings, {}));
    console.log(settings.provider + ': created');
  } catch (error) {
    console.log(settings.provider + ': ' + error.message);
  }
}
`;

test('without the cloud SDKs installed, the package loads, the local store works, and cloud providers say what to install', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-no-sdk-'));
  try {
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;
    const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', SCRIPT], {
      cwd: repoRoot,
      env: { ...process.env, PANOPTIC_TEST_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('Error');
    expect(run.stdout.trim().split('\n')).toEqual([
      'local: uploaded',
      's3: The s3 storage provider needs the package "@aws-sdk/client-s3", which is not installed: install @aws-sdk/client-s3 (npm install @aws-sdk/client-s3).',
      'azure: The azure storage provider needs the package "@azure/storage-blob", which is not installed: install @azure/storage-blob (npm install @azure/storage-blob).',
      'azure: The azure storage provider needs the package "@azure/storage-blob", which is not installed: install @azure/storage-blob (npm install @azure/storage-blob).',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
