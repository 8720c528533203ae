import path from 'node:path';
import { loadSuite } from '@panoptic/config';
import type { BackupConfig } from '@panoptic/server';
import type { CommandIo } from '../command-io.js';
import type { ServerFlags } from './server-options.js';

/**
 * settings.enterprise.backup_config of --suite, with settings.cloud (for s3:// and azure:// locations)
 * and the suite's folder (for relative folders). Without a suite: the working folder and no locations.
 * The suite was validated by serverOptionsFrom before this runs.
 */
export function backupConfigFrom(flags: ServerFlags, io: CommandIo): BackupConfig {
  const cwd = io.cwd ?? process.cwd();
  if (flags.suite === undefined) return { base_dir: cwd };
  const loaded = loadSuite(flags.suite, { cwd });
  const settings = loaded.suite.settings;
  const config = settings?.enterprise?.backup_config;
  return { ...config, cloud: settings?.cloud, base_dir: path.resolve(loaded.dir) };
}

/** Who the audit log names for a backup or restore run from the command line. */
export const CLI_ACTOR = { id: null, name: 'panoptic-cli' } as const;
