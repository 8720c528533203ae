import type { StorageProvider } from '@panoptic/cloud';

// A backup location is a folder, or `s3://bucket/prefix` / `azure://container/prefix` in the cloud
// store, whose endpoint and credentials come from the suite's settings.cloud (as every upload's do).

export interface BackupLocation {
  /** The location as configured, for messages (never holds a secret). */
  label: string;
  provider: StorageProvider;
  /** Key prefix of the backups in the store ('' or ending in '/'). */
  prefix: string;
}

export interface LocationInput {
  locations: readonly string[];
  /** settings.cloud of the suite, for s3:// and azure:// locations. */
  cloud?: Record<string, unknown> | undefined;
  /** Relative folders resolve against it. */
  baseDir: string;
  env?: Record<string, string | undefined>;
}

const CLOUD = /^(s3|azure):\/\/([^/]+)\/?(.*)$/;

export async function openLocation(label: string, input: Omit<LocationInput, 'locations'>): Promise<BackupLocation> {
  // @panoptic/cloud loads its SDKs only for the provider asked for; a folder location loads none.
  const { cloudOptionsFromSettings, createProvider } = await import('@panoptic/cloud');
  const cloud = CLOUD.exec(label);
  // The store's own backup copies are for artifacts; a backup location is one place, given explicitly.
  const shared = Object.fromEntries(Object.entries(input.cloud ?? {}).filter(([key]) => key !== 'backup_locations'));
  const settings = cloud ? { ...shared, provider: cloud[1], bucket: cloud[2] } : { provider: 'local', bucket: label };
  const options = cloudOptionsFromSettings(settings, input.env, input.baseDir);
  const prefix = (cloud?.[3] ?? '').replace(/^\/+|\/+$/g, '');
  return { label, provider: await createProvider(options, input.env), prefix: prefix ? `${prefix}/` : '' };
}
