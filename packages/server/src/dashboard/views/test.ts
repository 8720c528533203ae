import { trendChart } from '@panoptic/model/svg-charts';
import type { Page, Result, Run } from '../../domain/runs-read.js';
import { badge, esc, formatDuration, formatTime, OUTCOME_LABEL, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { projectPath } from './projects.js';
import { runPath } from './runs.js';

export type HistoryItem = Result & { run: Pick<Run, 'run_id' | 'status' | 'started_at' | 'branch' | 'commit'> };

const LETTER: Record<string, string> = { passed: 'P', failed: 'F', flaky: '~', skipped: 'S' };

/** One square per run, oldest first, each a link to its run; the letter and the title say the outcome without colour. */
function timeline(project: string, items: readonly HistoryItem[]): string {
  const cells = [...items].reverse().map((item) => {
    const label = OUTCOME_LABEL[item.outcome] ?? item.outcome;
    const title = `${item.run.run_id}: ${label}, ${formatTime(item.run.started_at)}`;
    return `<li><a class="${esc(label)}" href="${esc(runPath(project, item.run.run_id))}" title="${esc(title)}" aria-label="${esc(title)}">${LETTER[label] ?? '?'}</a></li>`;
  });
  return `<ol class="timeline" aria-label="Outcome in each run, oldest first">${cells.join('')}</ol>`;
}

/** An attempt's status as a badge, with Playwright's own word beside it when the badge says it differently (timedOut, interrupted). */
function attemptStatus(status: string): string {
  const outcome = status === 'passed' ? 'expected' : status === 'skipped' ? 'skipped' : 'unexpected';
  return `${badge(outcome)}${status === (OUTCOME_LABEL[outcome] ?? '') ? '' : ` ${esc(status)}`}`;
}

function attempts(item: HistoryItem): string {
  const rows = item.attempts.map(
    (attempt) => `<tr><td class="num">${attempt.retry}</td><td>${attemptStatus(attempt.status)}</td>
<td class="num">${esc(formatDuration(attempt.duration_ms))}</td><td>${esc(attempt.category ?? '')}</td></tr>`,
  );
  return table('Attempts in the newest run', [num('Retry'), 'Status', num('Duration'), 'Category'], rows, 'It did not run.');
}

/** `artifacts` is the artifacts table (artifact-links.ts) and `quarantine` the test's quarantine section (quarantine-state.ts), already rendered. */
export function testPage(viewer: Viewer, project: string, history: Page<HistoryItem>, artifacts: string, quarantine = ''): string {
  const latest = history.items[0];
  if (!latest) return page({ title: 'Test', viewer, crumbs: [['Projects', BASE], [project, projectPath(project)]], body: '<p class="empty">This test has no result.</p>' });
  const oldestFirst = [...history.items].reverse();
  const chart = trendChart({
    name: 'Duration',
    kind: 'duration',
    values: oldestFirst.map((item) => (item.outcome === 'skipped' ? null : item.duration_ms)),
    times: oldestFirst.map((item) => item.run.started_at),
    format: formatDuration,
    newest: 'newest',
  });
  const error = latest.error ? `<h2>Error in the newest run${latest.category ? ` (${esc(latest.category)})` : ''}</h2><pre>${esc(latest.error)}</pre>` : '';
  return page({
    title: latest.title,
    viewer,
    crumbs: [['Projects', BASE], [project, projectPath(project)], [`Run ${latest.run.run_id}`, runPath(project, latest.run.run_id)]],
    body: `<dl class="meta"><dt>Title path</dt><dd>${esc(latest.title_path.join(' › '))}</dd><dt>Location</dt><dd><code>${esc(`${latest.file}:${latest.line}`)}</code></dd>
<dt>Project</dt><dd>${esc(latest.project)}</dd><dt>Newest outcome</dt><dd>${badge(latest.outcome)} in run ${esc(latest.run.run_id)}</dd></dl>${quarantine}
<h2>Outcome timeline</h2>${timeline(project, history.items)}<p class="note">The newest ${history.items.length} of ${history.total} runs with this test; P passed, F failed, ~ flaky, S skipped.</p>
<h2>Duration trend</h2><div class="trends"><figure>${chart}</figure></div>${error}<h2>Attempts</h2>${attempts(latest)}<h2>Artifacts</h2>${artifacts}`,
  });
}
