import type { QualityGates } from '@panoptic/model/gates';

export interface PanopticReporterOptions {
  /**
   * Folder of the outputs. Default: the `output` of the YAML suite being run (from its projects'
   * metadata), else `panoptic-results`, relative to the config file's folder.
   */
  outputDir?: string;
  /** History of outcomes and durations across runs; `false` turns it off. */
  history?: false | { file?: string; maxRuns?: number };
  /** Pushes the run's metrics to a Prometheus Pushgateway. */
  pushgateway?: { url: string; job?: string };
  /** Appends summary.md to $GITHUB_STEP_SUMMARY when that is set (default true). */
  stepSummary?: boolean;
  /** Which outputs to write (all by default). */
  outputs?: { html?: boolean; json?: boolean; markdown?: boolean; prometheus?: boolean };
  /** How many slowest tests to list (default 10). */
  slowest?: number;
  /**
   * Uploads the outputs to a store, in `settings.cloud`'s form. For YAML suites the suite's own
   * `settings.cloud` is used when this is not given.
   */
  cloud?: Record<string, unknown>;
  /**
   * Writes `uploads.reportUrl` into summary.json: a signed link to the report in the store, valid
   * for `signed_url_seconds` (for a private store, to report/signed.html, whose artifact links are
   * signed too). Off by default: a signed S3 link names the access key id that signed it and
   * opens the report to anyone who holds it until it expires.
   */
  reportUrl?: boolean;
  /**
   * Recalibrates failure confidences from the labels of `panoptic errors label` in the output
   * folder. Default: the suite's `ai_testing.enable_learning`.
   */
  learning?: boolean;
  /**
   * Publishes the run to a Panoptic server: `url` (default: the suite's
   * `settings.enterprise.server_url`), `project` (a project's name or id; default
   * PANOPTIC_SERVER_PROJECT, else the suite's name) and the environment variable holding the API key
   * (default: the suite's `api_key_env`, else PANOPTIC_API_KEY). `false` turns it off.
   */
  server?: false | { url?: string; project?: string; apiKeyEnv?: string };
  /**
   * Quality gates, in `settings.quality_gates`' form (`min_pass_rate`, `max_new_failures`,
   * `max_flaky_rate`, `max_duration`, `notify.webhook_url_env`): a failed gate fails the run. For
   * YAML suites the suite's own `settings.quality_gates` is used when this is not given.
   */
  gates?: QualityGates;
}

/** Output names are fixed so CI steps and bucket links can rely on them. */
export const OUTPUT_NAMES = {
  json: 'summary.json',
  markdown: 'summary.md',
  prometheus: 'metrics.prom',
  htmlDir: 'report',
  history: 'history.json',
} as const;
