/**
 * The id a run's objects are stored under. Every process of a run must agree on it, so the first
 * process (the runner, loading the config) fixes it with `ensureRunId()` in the environment its
 * workers inherit; the others read it with `currentRunId()`. CI run ids make it readable and let
 * the shards of one CI run share it.
 */

/** The run id the environment names: PANOPTIC_RUN_ID, else the CI run's; undefined when none does. */
export function currentRunId(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PANOPTIC_RUN_ID) return env.PANOPTIC_RUN_ID;
  if (env.GITHUB_RUN_ID) return `gh-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  if (env.CI_PIPELINE_ID) return `gl-${env.CI_PIPELINE_ID}`;
  return undefined;
}

/** A run id made from the time, for runs outside CI; safe in keys and file names. */
export function newRunId(now: Date = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Sets PANOPTIC_RUN_ID in `env` when unset (from CI, else the time) and returns it. */
export function ensureRunId(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  env.PANOPTIC_RUN_ID ||= currentRunId(env) ?? newRunId(now);
  return env.PANOPTIC_RUN_ID;
}
