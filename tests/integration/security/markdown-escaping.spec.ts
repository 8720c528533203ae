import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
// The Markdown writer is internal to the reporter: hostile titles are fed to it directly, as well as through real runs.
import { renderMarkdown } from '../../../packages/reporter/dist/outputs/markdown.js';
import { writeProject } from '../../helpers/inline.js';
import { readSummary, runCli } from '../../helpers/reporter.js';

const IMG_TAG = '<img src=x onerror=alert(1)>';
const IMAGE_LINK = '![x](http://evil/)';
const PIPE = '| pipe |';

// Each hostile text is where a user, an app or a page can put it: a project (app) name, test
// titles and a thrown error's first line.
const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({
  projects: [{ name: ${JSON.stringify(`app <b>bold</b> ${PIPE}`)} }],
  reporter: [['list'], ['@panoptic/reporter']],
});
`;
const spec = `
import { test } from '@playwright/test';
test(${JSON.stringify(`fails ${IMG_TAG}`)}, async () => { throw new Error(${JSON.stringify(`boom ${IMAGE_LINK} <script>alert(2)</script>`)}); });
test(${JSON.stringify(`fails ${IMAGE_LINK}`)}, async () => { throw new Error('plain'); });
test(${JSON.stringify(`fails ${PIPE} [link](http://evil/) **bold** \`code\``)}, async () => { throw new Error('plain'); });
`;

/** What a Markdown renderer (GitHub's included) would turn into live HTML, a link or an image. */
function expectInert(markdown: string): void {
  // A raw tag: `<` followed by a letter or `/`, outside a code span.
  expect(markdown.replace(/`[^`]*`/g, '')).not.toMatch(/<[a-z/!?]/i);
  // A link or image: an unescaped `[`, its text, an unescaped `]`, then `(`.
  expect(markdown).not.toMatch(/(^|[^\\])\[[^\]\n]*[^\\]\]\(/);
  // Emphasis from a title (the run's own line bolds its rates on purpose).
  for (const line of markdown.split('\n').filter((l) => l.startsWith('- '))) expect(line).not.toMatch(/(^|[^\\])\*\*[^*]+[^\\]\*\*/);
}

test('summary.md and $GITHUB_STEP_SUMMARY escape HTML, images, links and pipes in titles, app names and error lines', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'hostile.spec.ts': spec, 'step-summary.md': '' });
  const stepSummary = path.join(dir, 'step-summary.md');
  const run = await runCli(dir, ['test', '--workers=1'], { GITHUB_STEP_SUMMARY: stepSummary });
  expect(run.exitCode, run.output).toBe(1);
  expect(readSummary(dir).totals.failed).toBe(3);

  const markdown = fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.md'), 'utf8');
  expect(fs.readFileSync(stepSummary, 'utf8')).toBe(markdown);
  expectInert(markdown);
  // The text is still there to read, escaped.
  expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(markdown).toContain('!\\[x\\](http://evil/)');
  // The project row keeps its nine cell borders: every pipe of the name is escaped.
  const row = markdown.split('\n').find((line) => line.startsWith('| app '))!;
  expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(10);
});

test('a page-derived healing hint with HTML and backticks stays inside its code span', () => {
  const hostile = 'getByRole("button", { name: "</code><img src=x onerror=alert(1)>``![x](http://evil/)" })';
  const summary = {
    version: 2,
    generatedAt: new Date().toISOString(),
    run: { status: 'failed', startTime: new Date().toISOString(), durationMs: 10, playwrightVersion: 'x', workers: 1, shard: null, errors: [] },
    totals: { total: 1, passed: 0, failed: 1, flaky: 0, skipped: 0, interrupted: 0, timedOut: 0, successRate: 0, flakyRate: 0, durationMs: { total: 1, p50: 1, p90: 1, p95: 1, max: 1 } },
    projects: [],
    apps: [],
    files: [],
    slowest: [],
    flaky: [],
    failures: [{ kind: 'locator-not-found', count: 1, tests: ['t'], sample: 'x' }],
    artifacts: { screenshot: { count: 0, bytes: 0 }, video: { count: 0, bytes: 0 }, trace: { count: 0, bytes: 0 }, other: { count: 0, bytes: 0 } },
    history: { runs: 1, newlyFailing: [], newlyFixed: [] },
    tests: [
      {
        key: 't',
        repeat: 0,
        title: 't',
        titlePath: ['t'],
        project: '',
        file: 'a.spec.ts',
        line: 1,
        column: 1,
        tags: [],
        outcome: 'unexpected',
        status: 'failed',
        durationMs: 1,
        attempts: [{ retry: 0, status: 'failed', durationMs: 1, startTime: new Date().toISOString(), workerIndex: 0, errors: [{ message: 'locator not found', kind: 'locator-not-found', confidence: 1 }] }],
        artifacts: [],
        failure: { kind: 'locator-not-found', confidence: 1, summary: 's', suggestion: 's', hint: { failedLocator: '#x', role: 'button', name: 'n', locator: hostile, similarity: 0.9 } },
      },
    ],
    warnings: [],
  } as const;
  const markdown = renderMarkdown(structuredClone(summary) as unknown as Parameters<typeof renderMarkdown>[0]);
  const line = markdown.split('\n').find((l) => l.startsWith('- t'))!;
  // The hint is one code span: its fence is longer than any run of backticks inside (padded by a
  // space, which CommonMark strips, only where the content starts or ends with a backtick).
  const span = /\(try (`{3,})(.*)\1\)$/.exec(line);
  expect(span, line).not.toBeNull();
  const content = span![2]!;
  expect(/^`|`$/.test(hostile) ? content.slice(1, -1) : content).toBe(hostile);
});
