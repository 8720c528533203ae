/**
 * The id a run's objects are stored under. Every process of a run must agree on it, so the first
 * process (the runner, loading the config) fixes it in the environment its workers inherit.
 * CI run ids make it readable and let the shards of one CI run share it.
 */
export function runId(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  if (!env.PANOPTIC_RUN_ID) {
    const ci = env.GITHUB_RUN_ID
      ? `gh-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
      : env.CI_PIPELINE_ID
        ? `gl-${env.CI_PIPELINE_ID}`
        : undefined;
    env.PANOPTIC_RUN_ID = ci ?? now.toISOString().replace(/[:.]/g, '-');
  }
  return env.PANOPTIC_RUN_ID;
}
