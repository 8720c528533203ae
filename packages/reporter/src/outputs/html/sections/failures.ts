import { CATEGORY_TITLES } from '@panoptic/ai/classify';
import type { ErrorKind, TestSummary } from '../../../summary.js';
import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatCount, formatDuration, plural, truncateMessage } from '../format.js';
import { artifactsOf, more, outcomeBadge, projectChip, section, testTitle, where } from '../parts.js';
import { yamlHintKeys } from '../../yaml-hint.js';

export const KIND_TITLE: Readonly<Record<ErrorKind, string>> = CATEGORY_TITLES;

/** The classifier's reading of the failure: its suggestion and, for a missing element, the closest one. */
function diagnosis(test: TestSummary): string {
  const failure = test.failure;
  if (!failure) return '';
  const inSuite = yamlHintKeys(test).map((keys) => `<code>${esc(keys)}</code>`).join(' or ');
  const hint = failure.hint
    ? `<p class="heal">Closest element on the page: ${esc(failure.hint.role)} “${esc(failure.hint.name)}”, try <code>${esc(failure.hint.locator)}</code>${inSuite ? `; in the suite, ${inSuite}` : ''}</p>`
    : '';
  return `<div class="diagnosis"><p><span class="muted">${esc(failure.kind)} · confidence ${Math.round(failure.confidence * 100)}%</span> ${esc(failure.suggestion)}</p>${hint}</div>`;
}

const ERRORS_PER_TEST = 3;
/** Open the first few failures of a kind; the rest stay folded so their media does not load. */
const OPEN_PER_KIND = 5;

function failure(test: TestSummary, ctx: RenderContext, open: boolean): string {
  const last = test.attempts.at(-1);
  const errors = last?.errors ?? [];
  const shown = errors.slice(0, ERRORS_PER_TEST).map((error) => {
    const location = error.location ? `<p class="err-loc">at <code class="loc">${esc(error.location)}</code></p>` : '';
    return `<div class="error">${location}<pre>${esc(truncateMessage(error.message))}</pre></div>`;
  });
  const retries = test.attempts.length > 1 ? ` · ${plural(test.attempts.length, 'attempt')}` : '';
  return [
    `<li class="case"><details${open ? ' open' : ''}>`,
    `<summary><span class="test-title">${testTitle(test)}</span>${outcomeBadge(test)}</summary>`,
    `<div class="meta">${projectChip(test)}${where(test)}<span class="muted">${formatDuration(test.durationMs)}${retries}</span></div>`,
    diagnosis(test),
    shown.length ? shown.join('') : '<p class="muted">No error message was recorded.</p>',
    more(errors.length - shown.length, 'error in this attempt', 'errors in this attempt'),
    artifactsOf(test, ctx),
    '</details></li>',
  ].join('');
}

export function failures(ctx: RenderContext): string {
  const groups = ctx.plan.failures;
  if (!groups.length) return '';
  const total = ctx.summary.failures.reduce((sum, group) => sum + group.count, 0);
  const index = `<ul class="kinds">${groups.map(({ kind }) => `<li><a href="#fail-${esc(kind.kind)}">${esc(KIND_TITLE[kind.kind])} <span class="count">${formatCount(kind.count)}</span></a></li>`).join('')}</ul>`;
  const body = groups.map(({ kind, shown }) => {
    const items = shown.map((test, i) => failure(test, ctx, i < OPEN_PER_KIND)).join('');
    return [
      `<div class="kind" id="fail-${esc(kind.kind)}">`,
      `<h3>${esc(KIND_TITLE[kind.kind])} <span class="count">${formatCount(kind.count)}</span></h3>`,
      kind.sample && kind.count > 1 ? `<p class="sample">e.g. <code>${esc(kind.sample)}</code></p>` : '',
      `<ol class="cases">${items}</ol>`,
      more(kind.count - shown.length, 'failure of this kind', 'failures of this kind'),
      '</div>',
    ].join('');
  });
  return section('failures', `Failures (${formatCount(total)})`, index + body.join(''), 'Grouped by what went wrong, largest group first.');
}
