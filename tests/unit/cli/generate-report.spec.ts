import { test, expect } from '@playwright/test';
// Unit tests of the CLI's internal helpers: imported directly.
import { formatGenerationReport, type GenerationReport } from '../../../packages/cli/dist/commands/generate-report.js';

const report: GenerationReport = {
  name: 'Shop',
  startUrl: 'http://127.0.0.1:4173/',
  pages: ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173/cart'],
  tests: [
    { title: 'Home shows its title and headings', kind: 'content', url: 'http://127.0.0.1:4173/', steps: [{ kind: 'expectTitle', title: 'Shop', description: 'title' }] },
    { title: 'Cart link opens the cart', kind: 'navigation', url: 'http://127.0.0.1:4173/', steps: [] },
  ],
  skipped: [
    { title: 'Button "x"', reason: 'no locator finds it alone' },
    { title: 'Button "y"', reason: 'no locator finds it alone' },
    { title: 'Form "search"', reason: 'the replay failed: timeout' },
  ],
};

test('the readable report lists pages, kept tests by kind and dropped candidates grouped by reason', () => {
  expect(formatGenerationReport(report)).toEqual([
    'Generation "Shop" from http://127.0.0.1:4173/: 2 pages explored',
    '  http://127.0.0.1:4173/',
    '  http://127.0.0.1:4173/cart',
    '',
    'Kept: 2 tests, each replayed and passing',
    '  content (1)',
    '    + Home shows its title and headings (1 step)',
    '  navigation (1)',
    '    + Cart link opens the cart (0 steps)',
    '',
    'Dropped: 3 candidates',
    '  - no locator finds it alone',
    '      Button "x"',
    '      Button "y"',
    '  - the replay failed: timeout',
    '      Form "search"',
  ]);
});

test('merged duplicates and flaky candidates are listed apart, each with what it duplicates or how it failed', () => {
  const lines = formatGenerationReport({
    ...report,
    merged: [{ title: 'Todos: checking "Two"', reason: 'same page, control role and observed effect as "Todos: checking "One""' }],
    flaky: [{ title: 'Todos: clicking "Shuffle"', reason: 'passed once, then failed: expected "a" got "b"' }],
  });
  const at = lines.indexOf('Merged: 1 duplicate of kept tests');
  expect(lines.slice(at, at + 5)).toEqual([
    'Merged: 1 duplicate of kept tests',
    '  = Todos: checking "Two": same page, control role and observed effect as "Todos: checking "One""',
    '',
    'Flaky: 1 candidate passed a replay and failed another, dropped',
    '  ~ Todos: clicking "Shuffle": passed once, then failed: expected "a" got "b"',
  ]);
  expect(lines).toContain('Dropped: 3 candidates');
});
