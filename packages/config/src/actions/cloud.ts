import { z } from 'zod';
import { ALL_APP_TYPES, artifactFile, defineAction } from './definition.js';

const outputOnly = z.strictObject({
  output: artifactFile.describe('File name of the JSON result inside the output folder.').optional(),
});

const cloud_sync = defineAction({
  summary: "Uploads what changed in the test's output folder to `settings.cloud`.",
  keys: [],
  parameters: outputOnly,
  appTypes: ALL_APP_TYPES,
});

const cloud_analytics = defineAction({
  summary: "Reads every run's summary in the store: runs, success rate, durations, failure patterns, storage used.",
  keys: [],
  parameters: outputOnly,
  appTypes: ALL_APP_TYPES,
});

const cloud_cleanup = defineAction({
  summary: 'Deletes old runs Panoptic wrote to the store, by the retention settings.',
  keys: [],
  parameters: outputOnly,
  appTypes: ALL_APP_TYPES,
});

/** A node as the original listed them; only the count matters to a sharded run. */
const node = z.union([z.string(), z.record(z.string(), z.unknown())]);

const distributed_test = defineAction({
  summary: 'Attaches where the test ran in a sharded run; fails when the run has another shard total than expected.',
  keys: [],
  parameters: z.strictObject({
    nodes: z.union([z.number().int().positive(), z.array(node).min(1)]).describe('The shard total expected: a count, or a list of nodes.').optional(),
    output: artifactFile.describe('File name of the JSON result inside the output folder.').optional(),
  }),
  appTypes: ALL_APP_TYPES,
});

export const CLOUD_ACTIONS = { cloud_sync, cloud_analytics, cloud_cleanup, distributed_test };
