import path from 'node:path';
import { RUN_ID_PATTERN, RUN_PUBLISH_VERSION, type PublishedArtifact, type PublishedTest, type RunPublish } from '@panoptic/model/run-publish';
import type { Artifact, Summary, TestSummary } from './summary.js';

// The run as the server stores it, built from the summary the reporter already wrote: every test's
// outcome, attempts with their first error and its category, and links to its artifacts in the
// store. Error text passes through `redact` first: a run's errors can quote a secret (a filled
// password, a signed URL) and the server shows them to everyone who reads the project.

const MAX_ERROR = 4000;

/** Branch, commit and CI link from the CI's environment (PANOPTIC_* variables win). */
export function ciOf(env: NodeJS.ProcessEnv): Pick<RunPublish, 'branch' | 'commit' | 'ci_url'> {
  const first = (...values: (string | undefined)[]): string | undefined => values.find((value) => value !== undefined && value !== '');
  const github = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const ci = {
    branch: first(env.PANOPTIC_BRANCH, env.GITHUB_HEAD_REF, env.GITHUB_REF_NAME, env.CI_COMMIT_REF_NAME, env.BRANCH_NAME),
    commit: first(env.PANOPTIC_COMMIT, env.GITHUB_SHA, env.CI_COMMIT_SHA, env.GIT_COMMIT),
    ci_url: first(env.PANOPTIC_CI_URL, github, env.CI_PIPELINE_URL, env.BUILD_URL),
  };
  return Object.fromEntries(Object.entries(ci).filter(([, value]) => value !== undefined));
}

/** A run id the server accepts: characters outside its alphabet become "-". */
export function publishableRunId(runId: string): string {
  const cleaned = runId.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 128);
  return RUN_ID_PATTERN.test(cleaned) ? cleaned : `run-${Date.now()}`;
}

/**
 * The key the uploader gave a file: its path relative to the output folder under the run's prefix.
 * The run model keeps absolute paths (summary.json is made portable when written); a file outside
 * the output folder was never uploaded.
 */
function storeKey(prefix: string, file: string, outputDir: string | undefined): string | undefined {
  const relative = path.isAbsolute(file) ? (outputDir ? path.relative(outputDir, file) : undefined) : file;
  if (relative === undefined || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return `${prefix}/${relative.split(path.sep).join('/')}`;
}

function artifactOf(artifact: Artifact, prefix: string | undefined, outputDir: string | undefined): PublishedArtifact {
  const link: PublishedArtifact = { name: artifact.name, kind: artifact.kind, content_type: artifact.contentType, retry: artifact.retry };
  // Only a stored file has a place others can reach; a path on this machine means nothing to the server.
  const key = prefix && artifact.path ? storeKey(prefix, artifact.path, outputDir) : undefined;
  if (key) link.key = key;
  return link;
}

function testOf(test: TestSummary, prefix: string | undefined, outputDir: string | undefined, redact: (text: string) => string): PublishedTest {
  return {
    key: test.key,
    title: test.title,
    title_path: test.titlePath,
    project: test.project,
    file: test.file,
    line: test.line,
    outcome: test.outcome,
    duration_ms: test.durationMs,
    attempts: test.attempts.map((attempt) => {
      const error = attempt.errors[0];
      return {
        retry: attempt.retry,
        status: attempt.status,
        duration_ms: attempt.durationMs,
        start_time: attempt.startTime,
        ...(error ? { error: redact(error.message).slice(0, MAX_ERROR), category: error.kind } : {}),
      };
    }),
    ...(test.failure ? { category: test.failure.kind } : {}),
    artifacts: test.artifacts.map((artifact) => artifactOf(artifact, prefix, outputDir)),
  };
}

export interface PayloadInput {
  summary: Summary;
  runId: string;
  env: NodeJS.ProcessEnv;
  redact: (text: string) => string;
  /** The output folder the store's keys are relative to (artifact paths of the run model are absolute). */
  outputDir?: string;
}

export function payloadOf({ summary, runId, env, redact, outputDir }: PayloadInput): RunPublish {
  const uploads = summary.uploads ?? undefined;
  const ci = ciOf(env);
  // A CI link may carry a token in its query.
  if (ci.ci_url) ci.ci_url = redact(ci.ci_url);
  return {
    version: RUN_PUBLISH_VERSION,
    run_id: publishableRunId(runId),
    shard: summary.run.shard,
    status: summary.run.status,
    started_at: summary.run.startTime,
    duration_ms: summary.run.durationMs,
    ...ci,
    playwright_version: summary.run.playwrightVersion,
    ...(uploads ? { store: uploads.location } : {}),
    tests: summary.tests.map((test) => testOf(test, uploads?.prefix, outputDir, redact)),
  };
}
