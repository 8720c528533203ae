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
