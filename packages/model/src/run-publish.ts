import { z } from 'zod';
import { documentReader } from './read.js';

// What the reporter sends to the Panoptic server for a run, or for one shard of it, and what it
// keeps in the output folder when the server cannot be reached (`panoptic server publish` sends
// that file later). Snake case, as the server's API is. Limits keep one request bounded.

export const RUN_PUBLISH_VERSION = 1;

/** A run id as CI systems and `newRunId` make them: safe in a URL path and a file name. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const text = (max: number) => z.string().max(max);
const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date');

export const publishedAttemptSchema = z.object({
  retry: z.number().int().nonnegative(),
  status: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
  duration_ms: z.number().nonnegative(),
  start_time: isoDate,
  /** The attempt's first error, first 4,000 characters, secrets redacted. */
  error: text(4000).optional(),
  /** The error's category (@panoptic/ai's classify: locator-not-found, assertion-mismatch, …). */
  category: text(64).optional(),
});

export const publishedArtifactSchema = z.object({
  name: text(500),
  kind: z.enum(['screenshot', 'video', 'trace', 'other']),
  content_type: text(200),
  retry: z.number().int().nonnegative(),
  /** Where it is: the store's key (with `store` naming the store) or a link; absent when not stored. */
  key: text(2000).optional(),
  url: text(4000).optional(),
});

export const publishedTestSchema = z.object({
  /** Stable across runs: project, file and title path (summary.json's key). */
  key: text(4000),
  title: text(2000),
  title_path: z.array(text(2000)).max(100),
  project: text(500),
  file: text(1000),
  line: z.number().int().nonnegative(),
  outcome: z.enum(['expected', 'unexpected', 'flaky', 'skipped']),
  duration_ms: z.number().nonnegative(),
  attempts: z.array(publishedAttemptSchema).max(100),
  /** The failure's category when the test failed. */
  category: text(64).optional(),
  artifacts: z.array(publishedArtifactSchema).max(200),
});

export const runPublishSchema = z.object({
  version: z.literal(RUN_PUBLISH_VERSION),
  run_id: z.string().regex(RUN_ID_PATTERN, 'a run id is letters, digits, ".", "_" and "-", at most 128'),
  /** This shard of the run (1-based), or null for a whole run. */
  shard: z.object({ current: z.number().int().positive(), total: z.number().int().positive() }).nullable(),
  status: z.enum(['passed', 'failed', 'timedout', 'interrupted']),
  started_at: isoDate,
  duration_ms: z.number().nonnegative(),
  branch: text(500).optional(),
  commit: text(200).optional(),
  ci_url: text(2000).optional(),
  playwright_version: text(50).optional(),
  /** The store the artifact keys are in, without credentials. */
  store: text(2000).optional(),
  tests: z.array(publishedTestSchema).max(200_000),
});

export type RunPublish = z.infer<typeof runPublishSchema>;
export type PublishedTest = z.infer<typeof publishedTestSchema>;
export type PublishedAttempt = z.infer<typeof publishedAttemptSchema>;
export type PublishedArtifact = z.infer<typeof publishedArtifactSchema>;

/** A saved run payload's parsed JSON, checked; throws a DocumentError naming its version or its bad field. */
export const readRunPublish = documentReader({
  name: 'run publish payload',
  version: RUN_PUBLISH_VERSION,
  schema: runPublishSchema,
  rewrite: 'run the tests again to publish them',
});

/**
 * The payload's JSON Schema, for the server's request validation and its OpenAPI document: one
 * definition for both ends.
 */
export function runPublishJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(runPublishSchema, { target: 'draft-7', io: 'input' });
  return schema;
}
