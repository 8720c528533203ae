import type { Page, Run } from '../../domain/runs-read.js';
import type { ResultLine } from '../queries.js';
import { badge, esc, formatDuration, formatRate, formatTime, href, OUTCOME_LABEL, pager, select, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { errorSignature } from '../signature.js';
import { projectPath } from './projects.js';
import { QUARANTINED } from './quarantine-state.js';
import { runGates } from './run-gates.js';
import { runPath } from './runs.js';

export interface TestsFilter {
  outcome?: string | undefined;
  q?: string | undefined;
}

export const testPath = (project: string, key: string): string => href(`${projectPath(project)}/test`, { key });

function facts(run: Run): string {
  const items: [string, string][] = [
    ['Status', badge(run.status)],
    ['Branch', esc(run.branch ?? '–')],
    ['Commit', `<code>${esc(run.commit ?? '–')}</code>`],
    ['CI', run.ci_url && /^https?:\/\//.test(run.ci_url) ? `<a href="${esc(run.ci_url)}" rel="noopener noreferrer">${esc(run.ci_url)}</a>` : '–'],
    ['Shards', `${run.shards.seen} of ${run.shards.expected} merged${run.complete ? '' : ' (still waiting for shards)'}`],
    ['Started', esc(formatTime(run.started_at))],
    ['Duration', esc(formatDuration(run.duration_ms))],
    ['Pass rate', esc(formatRate(run.pass_rate))],
    ['Tests', `${run.counts.total}: ${run.counts.expected} passed, ${run.counts.unexpected} failed, ${run.counts.flaky} flaky, ${run.counts.skipped} skipped`],
  ];
  return `<dl class="meta">${items.map(([name, value]) => `<dt>${esc(name)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/** A failure whose signature is linked to an issue says so, with the link. */
function knownIssue(test: ResultLine, known: ReadonlyMap<string, string>): string {
  const url = test.outcome === 'unexpected' ? known.get(errorSignature(test.error)) : undefined;
  return url ? ` <a href="${esc(url)}" rel="noopener noreferrer">known issue</a>` : '';
}

export function runPage(viewer: Viewer, project: string, run: Run, tests: Page<ResultLine>, filter: TestsFilter, known: ReadonlyMap<string, string>, quarantined: ReadonlySet<string> = new Set()): string {
  const path = runPath(project, run.run_id);
  const outcomes = Object.entries(OUTCOME_LABEL).map(([value, label]) => [value, label] as const);
  const form = `<form class="filters" method="get" action="${esc(path)}">
${select('outcome', 'Outcome', outcomes, filter.outcome)}
<label>Title contains <input type="search" name="q" value="${esc(filter.q ?? '')}"></label><button type="submit">Filter</button>
<a href="${esc(path)}">Clear</a></form>`;
  const rows = tests.items.map(
    (test) => `<tr><td><a href="${esc(testPath(project, test.key))}">${esc(test.title_path.join(' › '))}</a></td><td>${esc(test.project)}</td>
<td><code>${esc(`${test.file}:${test.line}`)}</code></td><td>${badge(test.outcome)}${quarantined.has(test.key) ? ` ${QUARANTINED}` : ''}</td><td class="num">${esc(formatDuration(test.duration_ms))}</td>
<td class="num">${test.attempts}</td><td>${esc(test.category ?? '')}${knownIssue(test, known)}</td></tr>`,
  );
  return page({
    title: `Run ${run.run_id}`,
    viewer,
    crumbs: [['Projects', BASE], [project, projectPath(project)]],
    body: `${facts(run)}${runGates(project, run)}<h2>Tests</h2>${form}${table('Tests of this run', ['Test', 'Project', 'Location', 'Outcome', num('Duration'), num('Attempts'), 'Category'], rows, 'No test matches.')}
${pager(path, { outcome: filter.outcome, q: filter.q }, tests.page, tests.page_size, tests.total)}`,
  });
}
