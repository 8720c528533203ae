import { trendChart } from '@panoptic/model/svg-charts';
import type { Run } from '../../domain/runs-read.js';
import { FLAKY_FORMULA, type FlakyScore } from '../flaky.js';
import { esc, formatDuration, formatRate, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { projectPath } from './projects.js';
import { projectTabs, runPath } from './runs.js';
import { testPath } from './run.js';

export type RankedTest = FlakyScore & { key: string; title: string };

function charts(runs: readonly Run[]): string {
  const times = runs.map((run) => run.started_at);
  const ran = (run: Run): number => run.counts.total - run.counts.skipped;
  const series = [
    { name: 'Pass rate', kind: 'passed', values: runs.map((run) => run.pass_rate), format: formatRate, max: 1 },
    { name: 'Flaky rate', kind: 'flaky', values: runs.map((run) => (ran(run) ? run.counts.flaky / ran(run) : null)), format: formatRate },
    { name: 'Duration', kind: 'duration', values: runs.map((run) => run.duration_ms), format: formatDuration },
    { name: 'Test count', kind: 'count', values: runs.map((run) => run.counts.total), format: String },
  ];
  return `<div class="trends">${series.map((item) => `<figure>${trendChart({ ...item, times, newest: 'newest' })}<figcaption>${esc(item.name)} per run</figcaption></figure>`).join('')}</div>`;
}

export function trendsPage(viewer: Viewer, project: string, runs: readonly Run[], flaky: readonly RankedTest[]): string {
  const rows = flaky.map(
    (test) => `<tr><td><a href="${esc(testPath(project, test.key))}">${esc(test.title)}</a></td><td class="num">${test.score.toFixed(3)}</td>
<td class="num">${test.flips}</td><td><a href="${esc(runPath(project, test.since))}">${esc(test.since)}</a></td></tr>`,
  );
  return page({
    title: `${project}: trends`,
    viewer,
    crumbs: [['Projects', BASE], [project, projectPath(project)]],
    body: `${projectTabs(project)}<h2>Trends over the newest ${runs.length} runs</h2>${runs.length ? charts(runs) : '<p class="empty">No run yet.</p>'}
<h2>Flaky tests</h2><p class="note">${esc(FLAKY_FORMULA)} "Flaky since" is the oldest run in that window where the test flipped.</p>
${table('Flaky tests, highest score first', ['Test', num('Score'), num('Flips'), 'Flaky since run'], rows, 'No test flipped in these runs.')}`,
  });
}
