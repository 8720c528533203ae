import { donut, legend } from '../charts.js';
import type { RenderContext } from '../context.js';
import { formatCount, formatDuration, formatRate } from '../format.js';
import { section } from '../parts.js';

export function overview(ctx: RenderContext): string {
  const totals = ctx.summary.totals;
  const counts: [string, number, string][] = [
    ['Tests', totals.total, 'total'],
    ['Passed', totals.passed, 'passed'],
    ['Failed', totals.failed, 'failed'],
    ['Flaky', totals.flaky, 'flaky'],
    ['Skipped', totals.skipped, 'skipped'],
    ['Interrupted', totals.interrupted, 'interrupted'],
    ['Timed out', totals.timedOut, 'timedout'],
  ];
  const rates: [string, number | null, string][] = [
    ['Success rate', totals.successRate, 'success-rate'],
    ['Flaky rate', totals.flakyRate, 'flaky-rate'],
  ];
  const tile = (label: string, value: string, stat: string, classes: string): string =>
    `<div class="tile ${classes}" data-stat="${stat}"><span class="value">${value}</span><span class="label">${label}</span></div>`;
  const tiles = [
    `<div class="rates">${rates.map(([label, rate, kind]) => tile(label, formatRate(rate), kind, `rate ${kind}`)).join('')}</div>`,
    `<div class="counts">${counts.map(([label, count, kind]) => tile(label, formatCount(count), kind, count === 0 && kind !== 'total' ? `${kind} zero` : kind)).join('')}</div>`,
  ].join('');
  const d = totals.durationMs;
  const times = `Test time ${formatDuration(d.total)} in all · p50 ${formatDuration(d.p50)} · p90 ${formatDuration(d.p90)} · p95 ${formatDuration(d.p95)} · max ${formatDuration(d.max)}`;
  const body = [
    '<div class="overview">',
    `<div class="stats">${tiles}</div>`,
    `<figure class="donut-box">${donut(totals)}<figcaption>${legend()}</figcaption></figure>`,
    '</div>',
    `<p class="times">${times}</p>`,
  ].join('');
  return section('overview', 'Outcomes', body, 'Flaky tests count as passed in the success rate; rates leave skipped tests out.');
}
