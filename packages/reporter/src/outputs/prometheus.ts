import fs from 'node:fs/promises';
import path from 'node:path';
import type * as PromClient from 'prom-client';
import type { Summary } from '../summary.js';

// Seconds; from quick unit-level tests to slow end-to-end flows.
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

type Registry = PromClient.Registry;

/**
 * The three classes the run's metrics need, from their own modules: prom-client's index also loads
 * its default process metrics, cluster aggregation, summaries and push gateway, which cost four
 * times as much to load and which a reporter never uses (the push gateway loads when asked for).
 * The package has no `exports` map, so these paths are public; a test writes real metrics through them.
 */
async function metricClasses(): Promise<Pick<typeof PromClient, 'Gauge' | 'Histogram' | 'Registry'>> {
  const [registry, gauge, histogram] = await Promise.all([
    import('prom-client/lib/registry.js'),
    import('prom-client/lib/gauge.js'),
    import('prom-client/lib/histogram.js'),
  ]);
  return { Registry: registry.default, Gauge: gauge.default, Histogram: histogram.default };
}

/**
 * A registry of its own, so nothing else in the process leaks into (or out of) the run's metrics.
 * prom-client loads at the end of the run, not when the reporter is imported.
 */
export async function buildRegistry(summary: Summary): Promise<Registry> {
  const { Gauge, Histogram, Registry } = await metricClasses();
  const registry = new Registry();
  const tests = new Gauge({
    name: 'panoptic_tests',
    help: 'Tests of the run by final outcome and project',
    labelNames: ['project', 'outcome'] as const,
    registers: [registry],
  });
  for (const project of summary.projects) {
    tests.set({ project: project.name, outcome: 'passed' }, project.passed);
    tests.set({ project: project.name, outcome: 'failed' }, project.failed);
    tests.set({ project: project.name, outcome: 'flaky' }, project.flaky);
    tests.set({ project: project.name, outcome: 'skipped' }, project.skipped);
  }
  const duration = new Histogram({
    name: 'panoptic_test_duration_seconds',
    help: 'Time per test, all attempts added up',
    labelNames: ['project'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  for (const test of summary.tests) if (test.attempts.length) duration.observe({ project: test.project }, test.durationMs / 1000);
  new Gauge({ name: 'panoptic_run_duration_seconds', help: 'Wall time of the run', registers: [registry] }).set(summary.run.durationMs / 1000);
  // A rate of a run where nothing ran is unknown, not 0: leave it out rather than report 0%.
  const rate = (name: string, help: string, value: number | null) => {
    if (value !== null) new Gauge({ name, help, registers: [registry] }).set(value);
  };
  rate('panoptic_success_rate', 'Passed and flaky tests over tests that ran (0-1)', summary.totals.successRate);
  rate('panoptic_flaky_rate', 'Flaky tests over tests that ran (0-1)', summary.totals.flakyRate);
  new Gauge({ name: 'panoptic_run_passed', help: '1 when the run passed', registers: [registry] }).set(summary.run.status === 'passed' ? 1 : 0);
  return registry;
}

/**
 * Loads prom-client while the tests run, so that the end of the run does not wait for it. A module
 * that fails to load fails again, and is reported, when `buildRegistry` imports it.
 */
export function preloadPrometheus(): void {
  metricClasses().catch(() => undefined);
}

export async function writePrometheus(summary: Summary, file: string, pushgateway?: { url: string; job: string }): Promise<void> {
  const registry = await buildRegistry(summary);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await registry.metrics());
  if (pushgateway) {
    const { Pushgateway } = await import('prom-client');
    await new Pushgateway(pushgateway.url, {}, registry).pushAdd({ jobName: pushgateway.job });
  }
}
