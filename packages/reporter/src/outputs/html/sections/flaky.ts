import type { TestSummary } from '../../../summary.js';
import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatCount, formatRate, plural } from '../format.js';
import { artifactsOf, more, outcomeBadge, projectChip, section, testTitle, where } from '../parts.js';

const STATUS_WORD = { passed: 'passed', failed: 'failed', timedOut: 'timed out', skipped: 'skipped', interrupted: 'interrupted' } as const;

function attempts(test: TestSummary): string {
  return test.attempts.map((attempt) => `<span class="attempt ${attempt.status}">${STATUS_WORD[attempt.status]}</span>`).join('<span class="arrow" aria-hidden="true">→</span>');
}

function score(test: TestSummary): string {
  const history = test.history;
  if (!history) return '<span class="muted">no history</span>';
  return `${formatRate(history.flakyScore)} <span class="muted">of ${plural(history.runs, 'run')}</span>`;
}

export function flaky(ctx: RenderContext): string {
  const tests = ctx.plan.flaky;
  if (!tests.length) return '';
  const items = tests.map((test) => {
    const firstError = test.attempts.find((attempt) => attempt.errors.length)?.errors[0];
    return [
      '<li class="case">',
      `<div class="case-head"><div class="test-title">${testTitle(test)}</div>${outcomeBadge(test)}</div>`,
      `<div class="meta">${projectChip(test)}${where(test)}<span class="attempts" title="attempts in order">${plural(test.attempts.length, 'attempt')}: ${attempts(test)}</span><span class="score" title="share of recent runs where this test was flaky or flipped">flaky score ${score(test)}</span></div>`,
      firstError ? `<p class="first-error"><code>${esc(firstError.message.split('\n')[0] ?? '')}</code></p>` : '',
      artifactsOf(test, ctx),
      '</li>',
    ].join('');
  });
  const body = `<ul class="cases">${items.join('')}</ul>${more(ctx.summary.flaky.length - tests.length, 'flaky test', 'flaky tests')}`;
  return section('flaky', `Flaky tests (${formatCount(ctx.summary.flaky.length)})`, body, 'Failed at first, then passed on a retry.');
}

function list(tests: readonly TestSummary[], total: number, what: [one: string, many: string]): string {
  const items = tests.map((test) => `<li><div class="test-title">${testTitle(test)}</div><div class="meta">${projectChip(test)}${where(test)}${outcomeBadge(test)}</div></li>`);
  return `<ul class="plain">${items.join('')}</ul>${more(total - tests.length, ...what)}`;
}

export function history(ctx: RenderContext): string {
  const { history: runs } = ctx.summary;
  const { newlyFailing, newlyFixed } = ctx.plan;
  if (!runs.newlyFailing.length && !runs.newlyFixed.length) return '';
  const parts: string[] = [];
  if (runs.newlyFailing.length) parts.push(`<h3>Newly failing (${formatCount(runs.newlyFailing.length)})</h3>${list(newlyFailing, runs.newlyFailing.length, ['newly failing test', 'newly failing tests'])}`);
  if (runs.newlyFixed.length) parts.push(`<h3>Newly fixed (${formatCount(runs.newlyFixed.length)})</h3>${list(newlyFixed, runs.newlyFixed.length, ['newly fixed test', 'newly fixed tests'])}`);
  return section('history', 'Changes since the last run', parts.join(''), `Compared with ${plural(Math.max(0, runs.runs - 1), 'earlier run')} in the history.`);
}
