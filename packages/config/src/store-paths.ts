import { backupPathFindings } from './backup-paths.js';
import type { Finding } from './issues.js';
import { isOutsideFolder } from './paths.js';
import { isMap, rawSettings } from './raw.js';
import { quote } from './values.js';

/**
 * Why a `settings.cloud.prefix` could reach outside the store folder, or undefined. The cloud
 * package refuses such a prefix when it opens the store too; here it is refused at its line.
 */
export function unsafeStorePrefixReason(prefix: string): string | undefined {
  const shown = quote(prefix);
  const expected = 'use "/"-separated names such as "ci/nightly"';
  if (prefix.includes('\0')) return `prefix ${shown} contains a NUL character; ${expected}`;
  if (prefix.includes('\\')) return `prefix ${shown} contains a backslash; ${expected}`;
  // Unicode compatibility forms (full-width dots) become ".." on some file systems: check both.
  for (const form of new Set([prefix, prefix.normalize('NFKC')])) {
    const segments = form.replace(/^\/+|\/+$/g, '').split('/');
    if (segments.some((segment) => /^[. ]+$/.test(segment))) return `prefix ${shown} has a "." or ".." segment, which climbs out of the store; ${expected}`;
    if (segments.some((segment) => /^[a-z]:/i.test(segment))) return `prefix ${shown} has a drive letter; ${expected}`;
  }
  return undefined;
}

/**
 * `settings.cloud.bucket` of a local store is a folder the run writes and deletes in: like
 * `output`, a suite may only name one inside the working directory (symbolic links resolved).
 * One given on the command line or in the environment is the user's own choice and is not checked.
 */
export function storePathFindings(suite: unknown, cwd: string, bucketFromCommandLine: boolean): Finding[] {
  const cloud = rawSettings(suite)?.cloud;
  if (!isMap(cloud)) return [];
  const findings: Finding[] = [];
  const provider = typeof cloud.provider === 'string' ? cloud.provider.trim() : 'local';
  const local = provider === '' || provider === 'local';
  if (local && !bucketFromCommandLine && typeof cloud.bucket === 'string' && cloud.bucket.trim() !== '') {
    const bucket = cloud.bucket.trim();
    if (bucket.includes('\0')) {
      findings.push({ path: ['settings', 'cloud', 'bucket'], message: `store folder ${quote(bucket)} contains a NUL character` });
    } else if (isOutsideFolder(bucket, cwd)) {
      findings.push({
        path: ['settings', 'cloud', 'bucket'],
        message: `store folder ${quote(bucket)} (provider "local") is outside the working directory; use a folder inside it, or give the folder on the command line (--bucket or PANOPTIC_CLOUD_BUCKET)`,
      });
    }
  }
  if (typeof cloud.prefix === 'string') {
    const reason = unsafeStorePrefixReason(cloud.prefix);
    if (reason) findings.push({ path: ['settings', 'cloud', 'prefix'], message: reason });
  }
  findings.push(...backupPathFindings(cloud, cwd));
  return findings;
}
