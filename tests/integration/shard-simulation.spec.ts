import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Summary } from '@panoptic/reporter/summary';
import type { ShardPlan } from '@panoptic/cloud/shards';
import { useDemoServer, suitesConfig } from '../helpers/demo.js';
import { repoRoot, runPanoptic, runPlaywright, writeProject, type InlineRun } from '../helpers/inline.js';
import { OUTCOMES_SPEC, WITH_PANOPTIC, readStoredHistory, readSummary, sorted, summaryRows } from '../helpers/reporter.js';

// A sharded run simulated on this machine: N `panoptic shard run` processes at once, each with its
// own output folder as a CI machine would have, sharing a store folder as CI jobs share a bucket;
// then `panoptic shard merge`. The merged report must be the unsharded run's.

const SHARDS = 3;
const demo = useDemoServer();
// Each simulation starts seven Playwright processes, three of them at once.
test.slow();

const sleepSpec = (name: string, sleeps: number[]) => `
import { test } from '@playwright/test';
${sleeps.map((ms, i) => `test('${name} ${i + 1}', async () => { await new Promise((r) => setTimeout(r, ${ms})); });`).join('\n')}
`;

function countsOf(summary: Summary) {
  const { total, passed, failed, flaky, skipped, interrupted, timedOut } = summary.totals;
  return { total, passed, failed, flaky, skipped, interrupted, timedOut };
}

/** Every test of the unsharded run with the same outcome, status, attempts, retries and errors. */
function expectSameRun(merged: Summary, unsharded: Summary): void {
  expect(merged.tests.length).toBeGreaterThan(0);
  expect(sorted(summaryRows(merged))).toEqual(sorted(summaryRows(unsharded)));
  expect(countsOf(merged)).toEqual(countsOf(unsharded));
  const projects = (s: Summary) => s.projects.map((p) => [p.name, p.total, p.passed, p.failed, p.flaky, p.skipped]).sort();
  expect(projects(merged)).toEqual(projects(unsharded));
  const artifacts = (s: Summary) => s.tests.flatMap((t) => t.artifacts.map((a) => `${t.key} ${a.name} ${a.kind} #${a.retry}`)).sort();
  expect(artifacts(merged)).toEqual(artifacts(unsharded));
  expect(merged.run.shard).toBeNull();
}

/** Runs every shard of the plan at once, each in its own test-results and blob folders. */
async function runShards(dir: string, store: string[], env: NodeJS.ProcessEnv): Promise<InlineRun[]> {
  return Promise.all(
    Array.from({ length: SHARDS }, (_, i) =>
      runPanoptic(dir, ['shard', 'run', '--shard', `${i + 1}/${SHARDS}`, ...store, '--blob-dir', `blobs-${i + 1}`, '--', `--output=results-${i + 1}`], env),
    ),
  );
}

function readPlan(dir: string, file: string): ShardPlan {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ShardPlan;
}

test('plain specs: 3 shard processes from a history-based plan merge into the unsharded run, and the merge alone records history', async () => {
  const dir = writeProject({
    'playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ retries: 2, timeout: 60_000, reporter: [['list'], ['@panoptic/reporter']] });\n",
    'outcomes.spec.ts': OUTCOMES_SPEC,
    'slow.spec.ts': sleepSpec('slow', [900, 700]),
    'medium.spec.ts': sleepSpec('medium', [400, 300, 200]),
    'quick.spec.ts': sleepSpec('quick', [50, 50, 50, 50]),
  });
  const env = { PANOPTIC_RUN_ID: 'simulated-run' };
  const whole = await runPlaywright(dir, [WITH_PANOPTIC]);
  expect(whole.exitCode, whole.output).toBe(1);
  const unsharded = readSummary(dir);
  fs.renameSync(path.join(dir, 'panoptic-results'), path.join(dir, 'unsharded'));

  const store = ['--provider', 'local', '--bucket', 'store'];
  const plan = await runPanoptic(dir, ['shard', 'plan', '--total', String(SHARDS), '--history', 'unsharded/history.json', ...store, '--upload', '--out', 'plan.json'], env);
  expect(plan.exitCode, plan.output).toBe(0);
  const planned = readPlan(dir, 'plan.json');
  // Files stay whole (no fullyParallel): 4 files on 3 shards; only tests that never ran (skipped) have no recorded duration.
  expect(planned).toMatchObject({ total: SHARDS, granularity: 'file', tests: unsharded.totals.total, estimated: unsharded.totals.skipped });
  expect(planned.shards.flatMap((shard) => shard.lines).sort()).toEqual(['outcomes.spec.ts', 'medium.spec.ts', 'quick.spec.ts', 'slow.spec.ts'].sort());
  expect(fs.existsSync(path.join(dir, 'store', 'panoptic', 'default', 'simulated-run', 'shard-plan.json'))).toBe(true);

  // The shards read the plan from the store, as CI jobs would.
  const shards = await runShards(dir, store, env);
  shards.forEach((shard, i) => {
    expect(fs.existsSync(path.join(dir, 'store', 'panoptic', 'default', 'simulated-run', `${i + 1}-of-${SHARDS}`, 'blob', `report-${i + 1}-of-${SHARDS}.zip`)), shard.output).toBe(true);
    expect(shard.stdout).toContain(`shard ${i + 1}/${SHARDS}: ${planned.shards[i]!.tests} tests`);
  });
  // A shard exits like Playwright: non-zero exactly when one of its tests failed.
  const failing = planned.shards.map((shard) => shard.lines.includes('outcomes.spec.ts'));
  expect(shards.map((shard) => shard.exitCode !== 0)).toEqual(failing);

  const merge = await runPanoptic(dir, ['shard', 'merge', ...store], env);
  // Like merge-reports: 0 once the report is merged; the failed tests failed their shard's job.
  expect(merge.exitCode, merge.output).toBe(0);
  expect(merge.stdout).toContain(`downloaded ${SHARDS} blob report(s)`);
  expect(merge.stderr).not.toContain('[panoptic-reporter]');
  const merged = readSummary(dir);
  expectSameRun(merged, unsharded);
  // The merged run is one run of history with every test; no shard wrote one of its own.
  const history = readStoredHistory(path.join(dir, 'panoptic-results', 'history.json'));
  expect(history.runs).toHaveLength(1);
  expect(Object.keys(history.runs[0]!.tests).sort()).toEqual(Object.keys(readStoredHistory(path.join(dir, 'unsharded', 'history.json')).runs[0]!.tests).sort());
});

test('a merge refuses to leave a shard out, and a plan for the wrong total is refused by the shard', async () => {
  const dir = writeProject({
    'playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ reporter: 'list' });\n",
    'a.spec.ts': sleepSpec('a', [10]),
    'b.spec.ts': sleepSpec('b', [10]),
  });
  const env = { PANOPTIC_RUN_ID: 'partial-run' };
  const store = ['--provider', 'local', '--bucket', 'store'];
  expect((await runPanoptic(dir, ['shard', 'plan', '--total', '2', ...store, '--upload'], env)).exitCode).toBe(0);
  const wrong = await runPanoptic(dir, ['shard', 'run', '--shard', '1/3', ...store], env);
  expect(wrong.exitCode).toBe(1);
  expect(wrong.stderr).toContain('error: --shard 1/3: the plan has 2 shards, not 3');
  const first = await runPanoptic(dir, ['shard', 'run', '--shard', '1/2', ...store], env);
  expect(first.exitCode, first.output).toBe(0);
  const merge = await runPanoptic(dir, ['shard', 'merge', ...store, '--reporter', 'list'], env);
  expect(merge.exitCode).toBe(1);
  expect(merge.stderr).toContain('error: shard(s) 2/2 have no blob report: the merged report would leave their tests out; rerun them, or pass --allow-missing');
  const noRunId = await runPanoptic(dir, ['shard', 'run', '--shard', '1/2', ...store], { PANOPTIC_RUN_ID: '', GITHUB_RUN_ID: '', CI_PIPELINE_ID: '' });
  expect(noRunId.stderr).toContain('must share a run id');
});

const TEMPLATES = ['web-smoke.yaml', 'login-flow.yaml', 'forms.yaml', 'cloud.yaml'];

test('the demo suites: 3 shard processes merge into a report identical in content to the unsharded run', async () => {
  const files = Object.fromEntries(
    TEMPLATES.map((name) => [name, fs.readFileSync(path.join(repoRoot, 'templates', name), 'utf8').replaceAll('http://127.0.0.1:4173', demo.url)]),
  );
  const dir = writeProject({ ...files, 'playwright.config.ts': suitesConfig(TEMPLATES, "reporter: [['list'], ['@panoptic/reporter']], timeout: 120_000") });
  const env = { PANOPTIC_RUN_ID: 'demo-sharded' };
  const whole = await runPlaywright(dir, ['--reporter=list,@panoptic/reporter'], { PANOPTIC_RUN_ID: 'demo-whole' });
  expect(whole.exitCode, whole.output).toBe(0);
  const unsharded = readSummary(dir);
  expect(unsharded.totals.total).toBe(TEMPLATES.length);
  fs.renameSync(path.join(dir, 'panoptic-results'), path.join(dir, 'unsharded'));

  // The cloud suite's store holds the history the unsharded run uploaded: the plan reads it there.
  const plan = await runPanoptic(dir, ['shard', 'plan', '--total', String(SHARDS), '--suite', 'cloud.yaml', '--upload'], env);
  expect(plan.exitCode, plan.output).toBe(0);
  expect(plan.stderr).toContain(`planned ${TEMPLATES.length} tests on ${SHARDS} shards from local folder`);
  const planned = JSON.parse(plan.stdout) as ShardPlan;
  expect(planned).toMatchObject({ estimated: 0, tests: TEMPLATES.length });
  expect(planned.shards.every((shard) => shard.tests >= 1)).toBe(true);

  const shards = await runShards(dir, ['--suite', 'cloud.yaml'], env);
  for (const shard of shards) expect(shard.exitCode, shard.output).toBe(0);
  const merge = await runPanoptic(dir, ['shard', 'merge', '--suite', 'cloud.yaml'], env);
  expect(merge.exitCode, merge.output).toBe(0);
  const merged = readSummary(dir);
  expectSameRun(merged, unsharded);
  // Same apps, same actions per type, same artifacts by name: the report's content is the run's.
  const actions = (s: Summary) =>
    Object.fromEntries(s.tests.map((t) => [t.key, [t.app, t.platform, Object.entries(t.actions ?? {}).map(([type, a]) => [type, a.count, a.failed])]]));
  expect(actions(merged)).toEqual(actions(unsharded));
  expect(Object.keys(merged.artifacts)).toEqual(Object.keys(unsharded.artifacts));
});
