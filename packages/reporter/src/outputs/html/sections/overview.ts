import { donut, legend } from '../charts.js';
import type { RenderContext } from '../context.js';
import { formatCount, formatDuration, formatRate } from '../format.js';
import { section } from '../parts.js';

export function overview(ctx: RenderContext): string {
  const totals = ctx.summary.totals;
  const numbers: [string, string, string][] = [
    ['Tests', formatCount(totals.total), 'total'],
    ['Passed', formatCount(totals.passed), 'passed'],
    ['Failed', formatCount(totals.failed), 'failed'],
    ['Flaky', formatCount(totals.flaky), 'flaky'],
    ['Skipped', formatCount(totals.skipped), 'skipped'],
    ['Interrupted', formatCount(totals.interrupted), 'interrupted'],
    ['Timed out', formatCount(totals.timedOut), 'timedout'],
    ['Success rate', formatRate(totals.successRate), 'rate'],
    ['Flaky rate', formatRate(totals.flakyRate), 'rate'],
  ];
  const tiles = numbers
    .map(([label, value, kind]) => `<div class="tile ${kind}" data-stat="${kind === 'rate' ? label.toLowerCase().replace(' ', '-') : kind}"><span class="value">${value}</span><span class="label">${label}</span></div>`)
    .join('');
  const d = totals.durationMs;
  const times = `Test time ${formatDuration(d.total)} in all · p50 ${formatDuration(d.p50)} · p90 ${formatDuration(d.p90)} · p95 ${formatDuration(d.p95)} · max ${formatDuration(d.max)}`;
  const body = [
    '<div class="overview">',
    `<div class="tiles">${tiles}</div>`,
    `<figure class="donut-box">${donut(totals)}<figcaption>${legend()}</figcaption></figure>`,
    '</div>',
    `<p class="times">${times}</p>`,
  ].join('');
  return section('overview', 'Outcomes', body, 'Flaky tests count as passed in the success rate; rates leave skipped tests out.');
}
