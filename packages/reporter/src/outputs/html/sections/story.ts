import type { Attempt, Step, TestSummary } from '../../../summary.js';
import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatBytes, formatDuration, formatRate, plural, truncateMessage } from '../format.js';
import { artifactsOf } from '../parts.js';

const STATUS_WORD = { passed: 'passed', failed: 'failed', timedOut: 'timed out', skipped: 'skipped', interrupted: 'interrupted' } as const;
/** Indentation classes the stylesheet has; deeper steps share the last (the CSP allows no inline style). */
const MAX_DEPTH_CLASS = 4;

function stepRow(step: Step): string {
  const depth = Math.min(step.depth, MAX_DEPTH_CLASS);
  const error = step.error ? `<div class="step-error">${esc(step.error)}</div>` : '';
  const location = step.location ? `<code class="loc">${esc(step.location)}</code>` : '';
  return `<tr${step.error ? ' class="failed-step"' : ''}><td class="step d${depth}">${esc(step.title)}${error}</td><td>${location}</td><td class="num">${formatDuration(step.durationMs)}</td></tr>`;
}

function stepsTable(steps: readonly Step[]): string {
  if (!steps.length) return '<p class="muted">No steps were recorded.</p>';
  return `<div class="table-wrap"><table class="steps"><thead><tr><th scope="col">Step</th><th scope="col">Location</th><th scope="col" class="num">Duration</th></tr></thead><tbody>${steps.map(stepRow).join('')}</tbody></table></div>`;
}

function attempt(test: TestSummary, run: Attempt): string {
  const label = run.retry ? `Retry ${run.retry}` : test.attempts.length > 1 ? 'First run' : 'Run';
  const errors = run.errors.slice(0, 3).map((error) => {
    const location = error.location ? `<p class="err-loc">at <code class="loc">${esc(error.location)}</code></p>` : '';
    return `<div class="error">${location}<pre>${esc(truncateMessage(error.message, 12, 1500))}</pre></div>`;
  });
  return [
    '<div class="attempt-block">',
    `<h3>${label} <span class="attempt ${run.status}">${STATUS_WORD[run.status]}</span> <span class="muted">${formatDuration(run.durationMs)}</span></h3>`,
    run.steps ? stepsTable(run.steps) : '',
    errors.join(''),
    '</div>',
  ].join('');
}

function metrics(test: TestSummary): string {
  const actions = Object.entries(test.actions ?? {});
  if (!actions.length) return '';
  const rows = actions.map(([type, a]) => `<tr><th scope="row">${esc(type)}</th><td class="num">${a.count}</td><td class="num">${a.failed ? `<span class="neg">${a.failed}</span>` : '0'}</td><td class="num">${formatDuration(a.totalMs)}</td></tr>`);
  return `<h3>Actions</h3><div class="table-wrap narrow"><table><thead><tr><th scope="col">Action</th><th scope="col" class="num">Count</th><th scope="col" class="num">Failed</th><th scope="col" class="num">Time</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function pageLoads(test: TestSummary): string {
  const loads = test.pageLoads ?? [];
  if (!loads.length) return '';
  const head = ['Action', 'Page', 'DOM ready', 'Loaded', 'Transferred'].map((title, i) => `<th scope="col"${i > 1 ? ' class="num"' : ''}>${title}</th>`).join('');
  const rows = loads.map(
    (load) =>
      `<tr><th scope="row">${esc(load.action)}</th><td class="url">${esc(load.url)}</td><td class="num">${formatDuration(load.domContentLoadedMs)}</td><td class="num">${formatDuration(load.loadMs)}</td><td class="num">${formatBytes(load.transferBytes)}</td></tr>`,
  );
  return `<h3>Page loads</h3><div class="table-wrap"><table class="page-loads"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function annotations(test: TestSummary): string {
  const list = test.annotations ?? [];
  if (!list.length) return '';
  return `<h3>Annotations</h3><ul class="annotations">${list.map((a) => `<li><span class="chip">${esc(a.type)}</span>${a.description ? ` ${esc(a.description)}` : ''}</li>`).join('')}</ul>`;
}

function historyLine(test: TestSummary): string {
  const h = test.history;
  if (!h) return '';
  const parts = [`in ${plural(h.runs, 'run')} of the history`, `flaky score ${formatRate(h.flakyScore)}`];
  if (h.previousMedianMs !== undefined) parts.push(`usually ${formatDuration(h.previousMedianMs)} when it passes`);
  return `<p class="muted">${esc(parts.join(' · '))}</p>`;
}

/** Everything the run knows of one test: attempts with their steps and errors, media, actions, annotations. */
export function story(test: TestSummary, ctx: RenderContext): string {
  return [
    '<div class="story">',
    historyLine(test),
    annotations(test),
    test.attempts.length ? test.attempts.map((run) => attempt(test, run)).join('') : '<p class="muted">Not run.</p>',
    metrics(test),
    pageLoads(test),
    artifactsOf(test, ctx),
    '</div>',
  ].join('');
}
