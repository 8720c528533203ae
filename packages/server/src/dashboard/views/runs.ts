import type { Page, Run } from '../../domain/runs-read.js';
import { badge, esc, formatDuration, formatRate, formatTime, href, pager, select, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { projectPath } from './projects.js';
import { gateMark } from './run-gates.js';

export interface RunsFilter {
  branch?: string | undefined;
  status?: string | undefined;
}

export const runPath = (project: string, runId: string): string => `${projectPath(project)}/runs/${encodeURIComponent(runId)}`;

/** The tabs every project page shows. */
export function projectTabs(project: string): string {
  const base = projectPath(project);
  return `<nav class="tabs" aria-label="Project"><a href="${esc(base)}">Runs</a><a href="${esc(`${base}/trends`)}">Trends and flaky tests</a><a href="${esc(`${base}/triage`)}">Failure triage</a>
<a href="${esc(`${base}/quarantine`)}">Quarantine</a><a href="${esc(`${base}/gates`)}">Quality gates</a></nav>`;
}

function runRow(project: string, run: Run): string {
  const ci = run.ci_url && /^https?:\/\//.test(run.ci_url) ? `<a href="${esc(run.ci_url)}" rel="noopener noreferrer">CI</a>` : '–';
  return `<tr><td><a href="${esc(runPath(project, run.run_id))}">${esc(run.run_id)}</a></td><td>${badge(run.status)}${gateMark(run.gates)}</td>
<td>${esc(run.branch ?? '–')}</td><td><code>${esc((run.commit ?? '–').slice(0, 12))}</code></td><td>${ci}</td>
<td class="num">${run.shards.seen}/${run.shards.expected}</td><td>${esc(formatTime(run.started_at))}</td>
<td class="num">${esc(formatDuration(run.duration_ms))}</td><td class="num">${esc(formatRate(run.pass_rate))}</td>
<td class="num">${run.counts.total}</td></tr>`;
}

export function runsPage(viewer: Viewer, project: string, runs: Page<Run>, branches: readonly string[], filter: RunsFilter): string {
  const path = projectPath(project);
  const statuses = ['passed', 'failed', 'timedout', 'interrupted'].map((status) => [status, status] as const);
  const form = `<form class="filters" method="get" action="${esc(path)}">
${select('branch', 'Branch', branches.map((branch) => [branch, branch] as const), filter.branch)}
${select('status', 'Status', statuses, filter.status)}<button type="submit">Filter</button>
<a href="${esc(href(path))}">Clear</a></form>`;
  const head = ['Run', 'Status', 'Branch', 'Commit', 'CI', num('Shards'), 'Started', num('Duration'), num('Pass rate'), num('Tests')];
  return page({
    title: project,
    viewer,
    crumbs: [['Projects', BASE]],
    body: `${projectTabs(project)}${form}${table('Runs, newest first', head, runs.items.map((run) => runRow(project, run)), 'No run matches.')}
${pager(path, { branch: filter.branch, status: filter.status }, runs.page, runs.page_size, runs.total)}`,
  });
}
