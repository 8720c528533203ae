import { sealerFor } from './encryption/seal.js';
import { CloudConfigError } from './errors.js';
import type { CloudOptions } from './options.js';
import type { StorageProvider } from './provider.js';

/**
 * The provider `options` describe. Each provider module, and the SDK behind it, is loaded here at
 * first use: a run that never stores anything in the cloud never loads an SDK. With client-side
 * encryption the key comes from `env` (the variable `options.encryption.clientSideKeyEnv` names).
 */
export async function createProvider(options: CloudOptions, env: Record<string, string | undefined> = process.env): Promise<StorageProvider> {
  const seal = sealerFor(options, env);
  const primary = seal(await createOne(options));
  if (!options.backups?.length) return primary;
  const backups = await Promise.all(options.backups.map(async (backup) => seal(await createOne(backup))));
  return Object.assign(primary, { backups });
}

async function createOne(options: CloudOptions): Promise<StorageProvider> {
  if (!options.bucket) throw new CloudConfigError(`the ${options.provider} provider needs a bucket (folder for local, container for azure)`);
  switch (options.provider) {
    case 'local': {
      const { createLocalProvider } = await import('./providers/local.js');
      return createLocalProvider(options.bucket);
    }
    case 's3': {
      const { createS3Provider } = await import('./providers/s3.js');
      return createS3Provider(options);
    }
    case 'azure': {
      const { createAzureProvider } = await import('./providers/azure.js');
      return createAzureProvider(options);
    }
    default:
      throw new CloudConfigError(`unknown storage provider ${JSON.stringify((options as { provider: unknown }).provider)}: use local, s3 or azure`);
  }
}
