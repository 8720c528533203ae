import type { RenderContext } from '../context.js';
import { formatDuration, formatRate, plural } from '../format.js';
import { section } from '../parts.js';
import { trendChart } from '../trend-charts.js';

/** Pass rate, flaky tests and duration of each run in the history: is the suite getting better or worse? */
export function trends(ctx: RenderContext): string {
  const trend = ctx.summary.history.trend;
  if (!trend?.length) return '';
  const times = trend.map((point) => point.startTime);
  const charts = [
    trendChart({ name: 'Pass rate', kind: 'passed', values: trend.map((p) => p.passRate), times, format: formatRate, max: 1 }),
    trendChart({ name: 'Flaky tests', kind: 'flaky', values: trend.map((p) => p.flaky), times, format: (n) => String(Math.round(n)) }),
    trendChart({ name: 'Duration', kind: 'duration', values: trend.map((p) => p.durationMs), times, format: formatDuration }),
  ];
  const titles = ['Pass rate', 'Flaky tests', 'Duration'];
  const body = `<div class="trends">${charts.map((chart, i) => `<figure class="chart">${chart}<figcaption>${titles[i]}</figcaption></figure>`).join('')}</div>`;
  return section('trends', 'Trends', body, `${plural(trend.length, 'run')} from the history, this one last. Pass rate counts flaky tests as passed and leaves skipped ones out.`);
}
