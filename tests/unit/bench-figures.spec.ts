import fs from 'node:fs';
import { test, expect } from '@playwright/test';
// The benchmarks' shared modules and the README script, imported directly (they are plain scripts).
import { figuresTable, README, withTable } from '../../scripts/bench-figures.mjs';
import { pairedRatio, verdict } from '../../bench/lib/stats.mjs';
import { readResults } from '../../bench/lib/verdicts.mjs';

// bench/README.md shows the benchmarks' figures: they must be the result files' own, and every
// result written since bench/lib must say how it was measured.

test('the figures table in bench/README.md is the one bench/results gives', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(withTable(readme, figuresTable()), 'run node scripts/bench-figures.mjs').toBe(readme);
});

test('a result file with targets records its commit, tree state, load, machine and date', () => {
  for (const result of readResults().filter((r) => Array.isArray(r.targets))) {
    expect(result.meta, result.name).toMatchObject({
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      dirty: expect.any(Boolean),
      loadBefore: expect.any(Array),
      loadAfter: expect.any(Array),
      cpus: expect.any(Number),
      node: expect.stringMatching(/^v\d+/),
      startedAt: expect.any(String),
    });
    for (const t of result.targets) expect(t.verdict, `${result.name} ${t.id}`).toBe(verdict(t));
  }
});

test('a ratio is met or missed only when its whole interval is on one side of the bound', () => {
  expect(verdict({ value: 1.01, ci: [0.99, 1.019], max: 1.02 })).toBe('met');
  expect(verdict({ value: 1.01, ci: [0.95, 1.14], max: 1.02 })).toBe('undecided');
  expect(verdict({ value: 1.05, ci: [1.03, 1.08], max: 1.02 })).toBe('missed');
  expect(verdict({ value: 3.4, ci: [3.1, 3.8], min: 3 })).toBe('met');
  expect(verdict({ value: 1800, max: 2000 })).toBe('met');
  // Rounds that agree give a narrow interval around their ratio; rounds that swing, a wide one.
  const steady = pairedRatio(Array.from({ length: 15 }, (_, i) => [1010 + (i % 3), 1000 + (i % 3)]));
  expect(steady.ratio).toBeCloseTo(1.01, 3);
  expect(steady.ci![1] - steady.ci![0]).toBeLessThan(0.001);
  const noisy = pairedRatio(Array.from({ length: 15 }, (_, i) => [i % 2 ? 1200 : 900, 1000]));
  expect(noisy.ci![0]).toBeLessThan(1.02);
  expect(noisy.ci![1]).toBeGreaterThan(1.02);
});
