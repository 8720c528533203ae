import { z } from 'zod';
import { ERROR_KINDS } from './error-kinds.js';
import { gatesResultSchema } from './gates.js';
import { healedStepSchema } from './healing.js';
import { documentReader } from './read.js';

/** Bumped on any change a reader of summary.json would notice. */
export const SUMMARY_VERSION = 2;
/** Version 2 changed only `uploads` and artifact paths; readers of the run's facts read version 1 too. */
export const SUMMARY_FACTS_VERSIONS: readonly number[] = [1, SUMMARY_VERSION];

// The reporter writes `Date.toISOString()`; a reader sorts runs by it, so a non-date is an error.
const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 date');

export const outcomeSchema = z.enum(['expected', 'unexpected', 'flaky', 'skipped']);
export const attemptStatusSchema = z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']);

/** The failure category of @panoptic/ai's classify(): locator-not-found, assertion-mismatch, network, … */
export const errorKindSchema = z.enum(ERROR_KINDS);

export const artifactKindSchema = z.enum(['screenshot', 'video', 'trace', 'other']);

const durationStatsSchema = z.object({
  total: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  max: z.number(),
});

/** Counts of one group of tests (the run, a project, an app or a file). */
export const countsSchema = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  flaky: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Failed or not run because the run was interrupted (Ctrl-C, maxFailures, global timeout). */
  interrupted: z.number().int().nonnegative(),
  timedOut: z.number().int().nonnegative(),
  /** passed / (total - skipped), flaky tests counted as passed; null when nothing ran. */
  successRate: z.number().min(0).max(1).nullable(),
  /** flaky / (total - skipped); null when nothing ran. */
  flakyRate: z.number().min(0).max(1).nullable(),
  /** Per-test time in ms, all attempts of a test added up. */
  durationMs: durationStatsSchema,
});

export const testErrorSchema = z.object({
  message: z.string(),
  kind: errorKindSchema,
  /** How often the classifier's rule is right on its labelled corpus (0..1). */
  confidence: z.number().min(0).max(1),
  location: z.string().optional(),
});

export const healingHintSchema = z.object({
  failedLocator: z.string(),
  role: z.string(),
  name: z.string(),
  /** A locator for the closest element on the page at failure time. */
  locator: z.string(),
  /** The same element as a selector string, for a YAML suite's `selector` (absent in older summaries). */
  selector: z.string().optional(),
  /** Its visible text, when a YAML click's `target` finds it. */
  target: z.string().optional(),
  similarity: z.number().min(0).max(1),
});

/** Why a failed test failed: its last attempt's errors classified together, most specific cause first. */
export const failureSchema = z.object({
  kind: errorKindSchema,
  confidence: z.number().min(0).max(1),
  summary: z.string(),
  suggestion: z.string(),
  hint: healingHintSchema.optional(),
});

export const artifactSchema = z.object({
  name: z.string(),
  kind: artifactKindSchema,
  contentType: z.string(),
  /**
   * Where the file is, relative to the output folder (with `/`), so summary.json names no folder of
   * the machine it ran on; absent for attachments given as a body.
   */
  path: z.string().optional(),
  bytes: z.number().int().nonnegative(),
  retry: z.number().int().nonnegative(),
});

/**
 * A `test.step` of an attempt (a YAML action is one): Playwright's own hooks and expects are left
 * out. `location` is `file:line:col` relative to Playwright's rootDir, as error locations are.
 */
export const stepSchema = z.object({
  title: z.string(),
  /** Nesting depth: 0 for a step of the test itself. */
  depth: z.number().int().nonnegative(),
  location: z.string().optional(),
  durationMs: z.number().nonnegative(),
  /** The step's own error message, first line only. */
  error: z.string().optional(),
});

export const attemptSchema = z.object({
  retry: z.number().int().nonnegative(),
  status: attemptStatusSchema,
  durationMs: z.number().nonnegative(),
  startTime: isoDate,
  workerIndex: z.number().int(),
  errors: z.array(testErrorSchema),
  /** Absent in summaries written before steps were recorded. */
  steps: z.array(stepSchema).optional(),
});

export const historyEntrySchema = z.object({
  /** Runs in the history that include this test, this one included. */
  runs: z.number().int(),
  /** Share of those runs where the test was flaky or its outcome flipped from the run before. */
  flakyScore: z.number().min(0).max(1),
  previousOutcome: outcomeSchema.optional(),
  newlyFailing: z.boolean(),
  newlyFixed: z.boolean(),
  /**
   * Median duration of the earlier runs that passed (expected or flaky), and this run's ratio to
   * it when this run passed too: a failure that stops early says nothing about how long a test takes.
   */
  previousMedianMs: z.number().optional(),
  durationRatio: z.number().optional(),
});

export const testSummarySchema = z.object({
  /** Stable across runs and machines: project, file and title path (and repeat, for repeats). */
  key: z.string(),
  /** Index of the repeat under `--repeat-each`; 0 otherwise. */
  repeat: z.number().int().nonnegative(),
  title: z.string(),
  titlePath: z.array(z.string()),
  project: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  app: z.string().optional(),
  platform: z.string().optional(),
  tags: z.array(z.string()),
  outcome: outcomeSchema,
  /** Status of the last attempt, or notRun when the test never started. */
  status: z.union([attemptStatusSchema, z.literal('notRun')]),
  durationMs: z.number().nonnegative(),
  attempts: z.array(attemptSchema),
  artifacts: z.array(artifactSchema),
  /** Counts per action type from the Panoptic metrics attachment of the last attempt. */
  actions: z.record(z.string(), z.object({ count: z.number().int(), failed: z.number().int(), totalMs: z.number() })).optional(),
  /** Set for failed tests (outcome unexpected). */
  failure: failureSchema.optional(),
  /** Page loads the actions measured (`enable_metrics`), from the metrics attachment of the last attempt. */
  pageLoads: z
    .array(z.object({ action: z.string(), url: z.string(), domContentLoadedMs: z.number(), loadMs: z.number(), transferBytes: z.number() }))
    .optional(),
  /** The test's annotations (`test.info().annotations`, `test.fail()`, `test.skip(reason)`). */
  annotations: z.array(z.object({ type: z.string(), description: z.string().optional() })).optional(),
  /** Steps `smart_error_recovery` healed in the last attempt, from the metrics attachment. */
  healed: z.array(healedStepSchema).optional(),
  history: historyEntrySchema.optional(),
});

/** One run of the history as the report charts it. */
export const trendPointSchema = z.object({
  startTime: isoDate,
  /** Tests that ran (not skipped). */
  ran: z.number().int().nonnegative(),
  /** (passed + flaky) / ran; null when nothing ran. */
  passRate: z.number().min(0).max(1).nullable(),
  flaky: z.number().int().nonnegative(),
  /** The run's wall time when recorded, else its tests' time added up. */
  durationMs: z.number().nonnegative(),
});

export const groupSchema = countsSchema.extend({ name: z.string() });

export const failureGroupSchema = z.object({
  kind: errorKindSchema,
  count: z.number().int(),
  /** Keys of the failed tests, in report order. */
  tests: z.array(z.string()),
  /** The first error message of this kind, as an example. */
  sample: z.string(),
});

export const artifactTotalsSchema = z.object({
  count: z.number().int(),
  bytes: z.number().int(),
});

export const summarySchema = z.object({
  version: z.literal(SUMMARY_VERSION),
  generatedAt: z.string(),
  run: z.object({
    status: z.enum(['passed', 'failed', 'timedout', 'interrupted']),
    startTime: isoDate,
    durationMs: z.number().nonnegative(),
    playwrightVersion: z.string(),
    workers: z.number().int(),
    shard: z.object({ current: z.number().int(), total: z.number().int() }).nullable(),
    /** Errors outside any test: global setup, config, worker crashes. */
    errors: z.array(testErrorSchema),
  }),
  totals: countsSchema,
  projects: z.array(groupSchema),
  apps: z.array(groupSchema),
  files: z.array(groupSchema),
  /** Keys of the slowest tests, slowest first. */
  slowest: z.array(z.string()),
  /** Keys of the flaky tests of this run. */
  flaky: z.array(z.string()),
  failures: z.array(failureGroupSchema),
  artifacts: z.object({
    screenshot: artifactTotalsSchema,
    video: artifactTotalsSchema,
    trace: artifactTotalsSchema,
    other: artifactTotalsSchema,
  }),
  history: z.object({
    runs: z.number().int(),
    newlyFailing: z.array(z.string()),
    newlyFixed: z.array(z.string()),
    /** The runs in the history, oldest first, this one last; absent when history is off. */
    trend: z.array(trendPointSchema).optional(),
  }),
  /** Where the outputs were uploaded (`settings.cloud` or the `cloud` option); null when not configured. */
  uploads: z
    .object({
      /** The store, without credentials; a local store's folder relative to the output folder. */
      location: z.string(),
      prefix: z.string(),
      /** The key of the report page in the store. */
      report: z.string(),
      /**
       * A signed, expiring link to the report, only when the reporter's `reportUrl` option asks for
       * it: a signed S3 link names the access key id that signed it, and opens the report for
       * anyone who holds it until it expires. With `enable_cdn`, always: the report's CDN link,
       * which carries no signature.
       */
      reportUrl: z.string().optional(),
      /**
       * Set when the files were encrypted before they were stored (`client_side_encryption`): the
       * report and every link into the store (reportUrl included) open ciphertext, which no browser
       * can show; `panoptic download --decrypt` with the key reads them.
       */
      encrypted: z.literal('aes-256-gcm').optional(),
      uploaded: z.number().int(),
      unchanged: z.number().int(),
      /** Files that could not be uploaded after retries; they are still on disk. */
      failed: z.array(z.object({ path: z.string(), cause: z.string() })),
    })
    .nullable()
    .optional(),
  tests: z.array(testSummarySchema),
  /** Steps `smart_error_recovery` healed, over all tests (absent in summaries written before healing). */
  healed: z.number().int().nonnegative().optional(),
  /** `enable_learning`: how many labelled failures recalibrated this run's confidences; absent when off. */
  learning: z.object({ labels: z.number().int().nonnegative() }).optional(),
  /**
   * Quality gates (`settings.quality_gates` or the reporter's `gates` option) and their verdicts; absent
   * when none are set, and in a shard's summary (gates judge the whole run, when shards are merged).
   * `run.status` stays the tests' status: a failed gate fails the process, not the tests.
   */
  gates: gatesResultSchema.optional(),
  /** Problems of the reporter itself (an unreadable attachment, a failed output); never fail the run. */
  warnings: z.array(z.string()),
});

const contract = {
  name: 'summary.json',
  version: SUMMARY_VERSION,
  schema: summarySchema,
  rewrite: 'run the tests again with this Panoptic to write a new one',
};

/** A summary.json's parsed JSON, checked; throws a DocumentError naming its version or its bad field. */
export const readSummary = documentReader(contract);

export type Outcome = z.infer<typeof outcomeSchema>;
export type AttemptStatus = z.infer<typeof attemptStatusSchema>;
export type ErrorKind = z.infer<typeof errorKindSchema>;
export type ArtifactKind = z.infer<typeof artifactKindSchema>;
export type Counts = z.infer<typeof countsSchema>;
export type TestError = z.infer<typeof testErrorSchema>;
export type Failure = z.infer<typeof failureSchema>;
export type Artifact = z.infer<typeof artifactSchema>;
export type Attempt = z.infer<typeof attemptSchema>;
export type Step = z.infer<typeof stepSchema>;
export type TrendPoint = z.infer<typeof trendPointSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type TestSummary = z.infer<typeof testSummarySchema>;
export type Group = z.infer<typeof groupSchema>;
export type FailureGroup = z.infer<typeof failureGroupSchema>;
export type Summary = z.infer<typeof summarySchema>;

/**
 * The fields of a summary that describe the run as a whole and its tests' times and outcomes: what
 * analytics over many stored runs reads. They are the same in versions 1 and 2, so a store holding
 * runs of both is read whole. Failure kinds are any string: version 1 named them differently.
 */
export const summaryFactsSchema = z.object({
  version: z.number(),
  run: summarySchema.shape.run.pick({ startTime: true, durationMs: true }),
  totals: countsSchema.pick({ total: true, passed: true, failed: true, flaky: true, skipped: true }),
  tests: z.array(testSummarySchema.pick({ key: true, durationMs: true, outcome: true }).extend({ attempts: z.array(z.unknown()).optional() })),
  failures: z.array(failureGroupSchema.pick({ count: true, sample: true }).extend({ kind: z.string() })),
});

export type SummaryFacts = z.infer<typeof summaryFactsSchema>;

const factsContract = { ...contract, alsoReads: SUMMARY_FACTS_VERSIONS.filter((v) => v !== SUMMARY_VERSION), schema: summaryFactsSchema };

/** The run facts of a summary.json of any version in SUMMARY_FACTS_VERSIONS. */
export const readSummaryFacts = documentReader(factsContract);
