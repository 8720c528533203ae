import type { Counts, TestSummary } from '../../summary.js';
import { esc, niceCeil } from '@panoptic/model/svg-charts';
import { formatCount, plural } from './format.js';

/** The four outcomes a test ends with, in the order charts stack them. Colours come from the page's CSS. */
const OUTCOMES = [
  { key: 'passed', label: 'passed' },
  { key: 'flaky', label: 'flaky' },
  { key: 'failed', label: 'failed' },
  { key: 'skipped', label: 'skipped' },
] as const;

type OutcomeKey = (typeof OUTCOMES)[number]['key'];

function outcomeOf(test: TestSummary): OutcomeKey {
  if (test.outcome === 'expected') return 'passed';
  if (test.outcome === 'unexpected') return 'failed';
  return test.outcome;
}

function describe(parts: Record<OutcomeKey, number>): string {
  return OUTCOMES.filter(({ key }) => parts[key]).map(({ key, label }) => `${formatCount(parts[key])} ${label}`).join(', ') || 'no tests';
}

const round = (value: number): string => String(Math.round(value * 100) / 100);

/** A ring of outcomes with the number of tests in the middle. */
export function donut(counts: Counts): string {
  // r makes the circumference 100, so dash lengths are percentages.
  const r = 15.91549;
  const total = OUTCOMES.reduce((sum, { key }) => sum + counts[key], 0);
  const label = `Outcomes: ${describe(counts)}`;
  let offset = 0;
  const segments = OUTCOMES.filter(({ key }) => counts[key] > 0).map(({ key }) => {
    const share = (counts[key] / total) * 100;
    const segment = `<circle class="seg ${key}" cx="21" cy="21" r="${r}" stroke-dasharray="${round(share)} ${round(100 - share)}" stroke-dashoffset="${round(25 - offset)}"/>`;
    offset += share;
    return segment;
  });
  return [
    `<svg class="donut" viewBox="0 0 42 42" role="img" aria-label="${esc(label)}">`,
    `<title>${esc(label)}</title>`,
    `<circle class="seg track" cx="21" cy="21" r="${r}"/>`,
    ...segments,
    `<text x="21" y="22" class="donut-value">${esc(formatCount(counts.total))}</text>`,
    `<text x="21" y="27.5" class="donut-label">${counts.total === 1 ? 'test' : 'tests'}</text>`,
    '</svg>',
  ].join('');
}

/** A thin horizontal bar of a group's outcomes, for table rows. */
export function outcomeBar(counts: Counts): string {
  const total = OUTCOMES.reduce((sum, { key }) => sum + counts[key], 0);
  const label = `Outcomes: ${describe(counts)}`;
  let x = 0;
  const rects = total
    ? OUTCOMES.filter(({ key }) => counts[key] > 0).map(({ key }) => {
        const width = (counts[key] / total) * 100;
        const rect = `<rect class="fill ${key}" x="${round(x)}" y="0" width="${round(width)}" height="6"/>`;
        x += width;
        return rect;
      })
    : [];
  return `<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title><rect class="fill track" x="0" y="0" width="100" height="6"/>${rects.join('')}</svg>`;
}

/** Bucket edges in ms: roughly logarithmic, on round numbers people read at a glance. */
const EDGES = [0, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000];

function edgeLabel(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  return `${ms / 60_000}m`;
}

interface Bucket {
  from: number;
  to: number | undefined;
  counts: Record<OutcomeKey, number>;
  total: number;
}

export function durationBuckets(tests: readonly TestSummary[]): Bucket[] {
  const buckets: Bucket[] = EDGES.map((from, i) => ({ from, to: EDGES[i + 1], counts: { passed: 0, flaky: 0, failed: 0, skipped: 0 }, total: 0 }));
  for (const test of tests) {
    if (!test.attempts.length) continue;
    let i = EDGES.length - 1;
    while (i > 0 && test.durationMs < EDGES[i]!) i--;
    const bucket = buckets[i]!;
    bucket.counts[outcomeOf(test)]++;
    bucket.total++;
  }
  const first = buckets.findIndex((bucket) => bucket.total > 0);
  if (first < 0) return [];
  let last = buckets.length - 1;
  while (buckets[last]!.total === 0) last--;
  return buckets.slice(first, last + 1);
}

/** A histogram of test durations, bars stacked by outcome, bucket edges marked on the axis. */
export function durationHistogram(tests: readonly TestSummary[]): string {
  const buckets = durationBuckets(tests);
  if (!buckets.length) return '<p class="empty">No test ran.</p>';
  const width = 720;
  const height = 210;
  const left = 44;
  const right = 12;
  const bottom = 40;
  const top = 18;
  const plotHeight = height - top - bottom;
  const baseline = top + plotHeight;
  const slot = (width - left - right) / buckets.length;
  const gap = Math.min(6, slot * 0.12);
  const max = niceCeil(Math.max(...buckets.map((bucket) => bucket.total)));
  const y = (count: number): number => top + plotHeight - (count / max) * plotHeight;
  const grid = [0, max / 2, max]
    .filter((value) => Number.isInteger(value))
    .filter((value, i, all) => all.indexOf(value) === i)
    .map((value) => `<line class="grid" x1="${left}" x2="${width - right}" y1="${round(y(value))}" y2="${round(y(value))}"/><text class="axis" x="${left - 6}" y="${round(y(value) + 3.5)}" text-anchor="end">${formatCount(value)}</text>`);
  const bars = buckets.map((bucket, i) => {
    const x = left + i * slot + gap / 2;
    const barWidth = slot - gap;
    const range = bucket.to === undefined ? `${edgeLabel(bucket.from)} or more` : `${edgeLabel(bucket.from)} to ${edgeLabel(bucket.to)}`;
    const title = `${range}: ${plural(bucket.total, 'test')} (${describe(bucket.counts)})`;
    let base = 0;
    const rects = OUTCOMES.filter(({ key }) => bucket.counts[key] > 0).map(({ key }) => {
      const from = base;
      base += bucket.counts[key];
      return `<rect class="fill ${key}" x="${round(x)}" y="${round(y(base))}" width="${round(barWidth)}" height="${round(y(from) - y(base))}"/>`;
    });
    const count = bucket.total ? `<text class="count" x="${round(x + barWidth / 2)}" y="${round(y(bucket.total) - 4)}" text-anchor="middle">${formatCount(bucket.total)}</text>` : '';
    return `<g><title>${esc(title)}</title>${rects.join('')}${count}</g>`;
  });
  const edges = [...buckets.map((bucket) => bucket.from), buckets.at(-1)!.to];
  const ticks = edges.map((edge, i) => {
    if (edge === undefined) return '';
    const x = round(left + i * slot);
    return `<line class="tick" x1="${x}" x2="${x}" y1="${baseline}" y2="${baseline + 4}"/><text class="axis" x="${x}" y="${baseline + 16}" text-anchor="middle">${edge ? edgeLabel(edge) : '0'}</text>`;
  });
  const label = `Test durations: ${buckets.map((bucket) => `${bucket.total} from ${edgeLabel(bucket.from)}`).join(', ')}`;
  return [
    `<svg class="histogram" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">`,
    ...grid,
    ...bars,
    `<line class="baseline" x1="${left}" x2="${width - right}" y1="${baseline}" y2="${baseline}"/>`,
    ...ticks,
    `<text class="axis" x="${left + (width - left - right) / 2}" y="${height - 6}" text-anchor="middle">time per test</text>`,
    '</svg>',
  ].join('');
}

/** The legend shared by the charts, as HTML so it reads without the SVG. */
export function legend(): string {
  return `<ul class="legend">${OUTCOMES.map(({ key, label }) => `<li><span class="swatch ${key}"></span>${label}</li>`).join('')}</ul>`;
}
