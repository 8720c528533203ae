import path from 'node:path';
import { SuiteValidationError, formatIssue, loadSuite } from '@panoptic/config';
import type { CloudOptions, StorageProvider } from '@panoptic/cloud';
import { CommandError } from './command-error.js';
import type { CommandIo } from './command-io.js';
import { wholeNumber } from './options/numbers.js';
import type { StoreFlags } from './options/store.js';

export interface ResolvedStore {
  options: CloudOptions;
  provider: StorageProvider;
  /** The suite's name, when the store came from a suite. */
  suiteName?: string;
}

/**
 * Cloud options from the suite's `settings.cloud`, with flags (or their environment variables)
 * over it, resolved by the cloud package like any other settings: credentials come from settings or
 * the environment and are never printed. `sealed: false` opens the store without client-side
 * encryption: reads give the bytes as stored.
 */
export async function resolveStore(flags: StoreFlags, io: CommandIo, use: { sealed?: boolean } = {}): Promise<ResolvedStore> {
  const cloud = await import('@panoptic/cloud');
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  let settings: Record<string, unknown> = {};
  let baseDir = cwd;
  let suiteName: string | undefined;
  if (flags.suite) {
    let loaded;
    try {
      // A folder given with --bucket (or PANOPTIC_CLOUD_BUCKET) replaces the suite's: the user chose it.
      loaded = loadSuite(flags.suite, { cwd, bucketFromCommandLine: flags.bucket !== undefined });
    } catch (error) {
      if (error instanceof SuiteValidationError) throw new CommandError(error.issues.map(formatIssue));
      throw error;
    }
    suiteName = loaded.suite.name;
    baseDir = loaded.dir;
    const fromSuite = loaded.suite.settings?.cloud;
    if (!fromSuite && !flags.bucket) {
      throw new CommandError([`${flags.suite}: the suite has no settings.cloud; add one, or pass --provider and --bucket`]);
    }
    settings = { ...(fromSuite as Record<string, unknown> | undefined) };
  } else if (!flags.bucket) {
    throw new CommandError(['no store given: pass --suite <file> with settings.cloud, or --provider and --bucket (also PANOPTIC_CLOUD_PROVIDER, PANOPTIC_CLOUD_BUCKET)']);
  }
  const provider = flags.provider ?? (typeof settings.provider === 'string' ? settings.provider : 'local');
  if (flags.provider) settings.provider = flags.provider;
  // A folder named on the command line is relative to where the command runs, not to the suite.
  if (flags.bucket) settings.bucket = provider === 'local' ? path.resolve(cwd, flags.bucket) : flags.bucket;
  if (flags.endpoint) settings.endpoint = flags.endpoint;
  if (flags.region) settings.region = flags.region;
  if (flags.prefix !== undefined) settings.prefix = flags.prefix;
  if (flags.concurrency !== undefined) settings.parallel_uploads = wholeNumber(flags.concurrency, '--concurrency', 1);
  const options = cloud.cloudOptionsFromSettings(settings, env, baseDir);
  return { options, provider: await cloud.createProvider(use.sealed === false ? withoutClientSide(options) : options, env), ...(suiteName ? { suiteName } : {}) };
}

/** The store as stored, ciphertext and all: `panoptic download` decrypts only when asked, and needs no key otherwise. */
function withoutClientSide(options: CloudOptions): CloudOptions {
  if (!options.encryption?.clientSideKeyEnv) return options;
  const { clientSideKeyEnv: _reads, ...encryption } = options.encryption;
  return { ...options, encryption };
}
