import { z } from 'zod';
import { healedStepSchema } from './healing.js';
import { METRICS_VERSION } from './metrics-attachment.js';
import { documentReader } from './read.js';

export { METRICS_ATTACHMENT, METRICS_CONTENT_TYPE, METRICS_VERSION } from './metrics-attachment.js';

export const actionStatusSchema = z.enum(['passed', 'failed']);

export const navigationTimingSchema = z.object({
  url: z.string(),
  domContentLoadedMs: z.number(),
  loadMs: z.number(),
  transferBytes: z.number(),
});

export const actionMetricSchema = z.object({
  name: z.string(),
  type: z.string(),
  status: actionStatusSchema,
  /** Milliseconds since the test's metrics started. */
  startMs: z.number(),
  durationMs: z.number().nonnegative(),
  /** File names of artifacts the action produced. */
  artifacts: z.array(z.string()),
  error: z.string().optional(),
  /** Browser navigation timings, when `enable_metrics` is on. */
  performance: navigationTimingSchema.optional(),
  /** Set when `smart_error_recovery` made the action pass on another element than the suite's. */
  healed: healedStepSchema.optional(),
});

export const artifactMetricSchema = z.object({
  name: z.string(),
  kind: z.enum(['screenshot', 'video']),
  bytes: z.number().int().nonnegative(),
});

export const typeTotalsSchema = z.object({
  count: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  totalMs: z.number().nonnegative(),
});

/** What one test's actions did. Values typed into fields are never part of it: it travels into reports and storage. */
export const metricsSchema = z.object({
  version: z.literal(METRICS_VERSION),
  suite: z.string().optional(),
  app: z.string().optional(),
  platform: z.string().optional(),
  // Plain specs may attach metrics of their own: only the counts per action type are required.
  actions: z.array(actionMetricSchema).default([]),
  byType: z.record(z.string(), typeTotalsSchema),
  artifacts: z.array(artifactMetricSchema).default([]),
});

/** A metrics attachment's parsed JSON, checked; throws a DocumentError naming its version or its bad field. */
export const readMetrics = documentReader({
  name: 'the metrics attachment',
  version: METRICS_VERSION,
  schema: metricsSchema,
  rewrite: 'run the test again with this Panoptic',
});

export type ActionStatus = z.infer<typeof actionStatusSchema>;
export type NavigationTiming = z.infer<typeof navigationTimingSchema>;
export type ActionMetric = z.infer<typeof actionMetricSchema>;
export type ArtifactMetric = z.infer<typeof artifactMetricSchema>;
export type TypeTotals = z.infer<typeof typeTotalsSchema>;
export type PanopticMetrics = z.infer<typeof metricsSchema>;
