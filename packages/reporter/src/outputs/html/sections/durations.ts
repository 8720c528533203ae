import { durationHistogram, legend } from '../charts.js';
import type { RenderContext } from '../context.js';
import { formatDuration } from '../format.js';
import { more, outcomeBadge, projectChip, section, testTitle, where } from '../parts.js';

export function histogram(ctx: RenderContext): string {
  const body = `<figure class="chart">${durationHistogram(ctx.summary.tests)}<figcaption>${legend()}</figcaption></figure>`;
  return section('durations', 'Test durations', body, 'Tests per duration range (all attempts of a test added up).');
}

export function slowest(ctx: RenderContext): string {
  const tests = ctx.plan.slowest;
  if (!tests.length) return '';
  const rows = tests.map((test, i) => {
    const ratio = test.history?.durationRatio;
    const trend = ratio !== undefined && test.history?.previousMedianMs !== undefined
      ? `<span class="${ratio >= 1.5 ? 'neg' : 'muted'}" title="median of earlier runs: ${formatDuration(test.history.previousMedianMs)}">×${ratio.toFixed(1)}</span>`
      : '';
    return `<tr><td class="num">${i + 1}</td><td><div class="test-title">${testTitle(test)}</div><div class="meta">${projectChip(test)}${where(test)}</div></td><td>${outcomeBadge(test)}</td><td class="num">${formatDuration(test.durationMs)}</td><td class="num">${trend}</td></tr>`;
  });
  const table = `<div class="table-wrap"><table><thead><tr><th scope="col" class="num">#</th><th scope="col">Test</th><th scope="col">Outcome</th><th scope="col" class="num">Duration</th><th scope="col" class="num">vs usual</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  return section('slowest', 'Slowest tests', table + more(ctx.summary.slowest.length - tests.length, 'slow test in the summary', 'slow tests in the summary'));
}
