import type { TestSummary } from '../../../summary.js';
import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatCount, formatDuration, plural } from '../format.js';
import { more, outcomeBadge, projectChip, section, testTitle, where } from '../parts.js';
import { story } from './story.js';

const STATUS = { expected: 'passed', unexpected: 'failed', flaky: 'flaky', skipped: 'skipped' } as const;

/** Tags a YAML suite's compiler adds to select each app's test (`@panoptic-<hash>`): machinery, not the user's. */
const INTERNAL_TAG = /^@panoptic-[0-9a-f]{10}$/;

export const userTags = (test: TestSummary): string[] => test.tags.filter((tag) => !INTERNAL_TAG.test(tag));

function options(id: string, label: string, values: Map<string, number>): string {
  if (!values.size) return '';
  const sorted = [...values].sort(([a], [b]) => a.localeCompare(b));
  const items = sorted.map(([value, count]) => `<option value="${esc(value)}">${esc(value)} (${formatCount(count)})</option>`).join('');
  return `<label for="${id}">${label}</label><select id="${id}"><option value="">all</option>${items}</select>`;
}

function countBy(tests: readonly TestSummary[], valuesOf: (test: TestSummary) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const test of tests) for (const value of valuesOf(test)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** The filters work on the rows' data attributes; the inline script shows them, as without it they would do nothing. */
function filters(tests: readonly TestSummary[]): string {
  return [
    '<div class="filters" id="test-filters" role="search" aria-label="Filter tests" hidden>',
    '<label for="f-search">Title</label><input type="search" id="f-search" placeholder="search titles" autocomplete="off">',
    options('f-status', 'Status', countBy(tests, (test) => [STATUS[test.outcome]])),
    options('f-project', 'Project', countBy(tests, (test) => (test.project ? [test.project] : []))),
    options('f-app', 'App', countBy(tests, (test) => (test.app ? [test.app] : []))),
    options('f-tag', 'Tag', countBy(tests, userTags)),
    '<label for="f-sort">Order</label><select id="f-sort"><option value="">failed first</option><option value="desc">slowest first</option><option value="asc">fastest first</option></select>',
    `<p class="filter-count" id="f-count" aria-live="polite">${esc(plural(tests.length, 'test'))}</p>`,
    '</div>',
  ].join('');
}

function row(test: TestSummary, ctx: RenderContext): string {
  const tags = userTags(test);
  const data = [
    `data-status="${STATUS[test.outcome]}"`,
    `data-project="${esc(test.project)}"`,
    `data-app="${esc(test.app ?? '')}"`,
    `data-tags="${esc(tags.join(' '))}"`,
    `data-title="${esc(test.titlePath.join(' › ').toLowerCase())}"`,
    `data-duration="${Math.round(test.durationMs)}"`,
  ].join(' ');
  const chips = tags.map((tag) => `<span class="chip tag">${esc(tag)}</span>`).join('');
  const summary = `<summary><span class="test-title">${testTitle(test)}</span>${outcomeBadge(test)}<span class="num muted">${formatDuration(test.durationMs)}</span></summary>`;
  return `<li class="case test-row" ${data}><details>${summary}<div class="meta">${projectChip(test)}${chips}${where(test)}</div>${story(test, ctx)}</details></li>`;
}

/** Every test of the run (up to the limit), filterable and sortable in the page, each opening to its story. */
export function tests(ctx: RenderContext): string {
  const shown = ctx.plan.tests;
  if (!shown.length) return '';
  const total = ctx.summary.tests.length;
  const body = [
    filters(shown),
    `<ol class="cases test-list" id="test-list">${shown.map((test) => row(test, ctx)).join('')}</ol>`,
    more(total - shown.length, 'test (it is in summary.json)', 'tests (they are in summary.json)'),
  ].join('');
  return section('tests', `All tests (${formatCount(total)})`, body, 'Open a test for its steps, attempts, screenshots, videos and traces.');
}
