/**
 * A run of one shard of a Panoptic plan selects its tests with `--test-list`, so Playwright's
 * `config.shard` is empty; `panoptic shard run` says which shard it is in this variable instead
 * (`<current>/<total>`), for the reporter (no history from a part of a run) and the store keys.
 */
export const SHARD_ENV = 'PANOPTIC_SHARD';

export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): { current: number; total: number } | null {
  const value = env[SHARD_ENV];
  if (!value) return null;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const current = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || current < 1 || current > total) throw new Error(`${SHARD_ENV}=${JSON.stringify(value)}: expected "<current>/<total>", e.g. "2/4"`);
  return { current, total };
}
