import { Option, type Command } from 'commander';

/** Options every storage command takes: where the store is. */
export interface StoreFlags {
  suite?: string;
  provider?: string;
  bucket?: string;
  endpoint?: string;
  region?: string;
  prefix?: string;
  concurrency?: string;
}

/** Adds the flags that say where the store is; each may also come from the environment. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--suite <file>', "read the store from a YAML suite's settings.cloud (flags win over it)")
    .addOption(new Option('--provider <name>', 'local, s3, aws, gcp or azure').env('PANOPTIC_CLOUD_PROVIDER'))
    .addOption(new Option('--bucket <name>', 'bucket (s3), container (azure) or folder (local)').env('PANOPTIC_CLOUD_BUCKET'))
    .addOption(new Option('--endpoint <url>', 'S3-compatible endpoint, or the Azure account URL').env('PANOPTIC_CLOUD_ENDPOINT'))
    .addOption(new Option('--region <region>', 'S3 region').env('PANOPTIC_CLOUD_REGION'))
    .addOption(new Option('--prefix <prefix>', 'key prefix before <project>/<run id>/ (default: panoptic)').env('PANOPTIC_CLOUD_PREFIX'));
}
