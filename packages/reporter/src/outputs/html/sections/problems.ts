import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatCount, truncateMessage } from '../format.js';
import { more, section } from '../parts.js';
import { KIND_TITLE } from './failures.js';

/** Errors outside any test: they can explain a whole run, so they come right after the outcomes. */
export function runErrors(ctx: RenderContext): string {
  const { errors } = ctx.summary.run;
  if (!errors.length) return '';
  const max = ctx.limits.problems;
  const items = errors.slice(0, max).map((error) => {
    const location = error.location ? `at <code class="loc">${esc(error.location)}</code>` : '';
    return `<li class="error"><p class="err-loc"><span class="chip">${esc(KIND_TITLE[error.kind])}</span>${location}</p><pre>${esc(truncateMessage(error.message))}</pre></li>`;
  });
  const body = `<ul class="plain">${items.join('')}</ul>${more(errors.length - max, 'run error', 'run errors')}`;
  return section('run-errors', `Run errors (${formatCount(errors.length)})`, body, 'Outside any test: global setup, configuration, worker crashes.');
}

/** The reporter's own problems and this page's (artifacts it could not copy). */
export function warnings(ctx: RenderContext): string {
  const all = [...ctx.summary.warnings, ...ctx.reportWarnings];
  if (!all.length) return '';
  const max = ctx.limits.problems;
  const items = all.slice(0, max).map((warning) => `<li>${esc(warning)}</li>`);
  const body = `<ul class="warnings">${items.join('')}</ul>${more(all.length - max, 'warning', 'warnings')}`;
  return section('warnings', `Reporter warnings (${formatCount(all.length)})`, body, 'Problems of the reporter itself; they never fail the run.');
}
