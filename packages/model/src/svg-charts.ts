// Pure HTML and SVG pieces that both the reporter's HTML report and the server's dashboard draw
// with: escaping, axis ends, times and the per-run trend line. They live here because the server
// may not import the reporter (dependency rules) and both already stand on this package.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value made inert in HTML: every user-provided string goes through here. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`: axis ends people read at a glance. */
export function niceCeil(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** An ISO time as `YYYY-MM-DD HH:MM:SS UTC`: pages are read in many time zones, so it names one. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} m`;
}

/** A rate as a percentage; one decimal under 100 so 99.96% does not read as a clean run. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '–';
  if (rate === 1 || rate === 0) return `${rate * 100}%`;
  const percent = Math.floor(rate * 1000) / 10;
  return `${percent.toFixed(1)}%`;
}

export interface TrendSeries {
  /** What is drawn, for the chart's label: "Pass rate". */
  name: string;
  /** The CSS class of the line and dots (colours come from the page's stylesheet). */
  kind: string;
  values: readonly (number | null)[];
  times: readonly string[];
  format: (value: number) => string;
  /** The axis top; else the largest value rounded up to 1, 2, 2.5 or 5 times a power of ten. */
  max?: number;
  /** The label under the newest point; "this run" by default. */
  newest?: string;
}

const round = (value: number): string => String(Math.round(value * 100) / 100);

/** A small line chart of one value per run, oldest on the left, each run a dot with its value as a tooltip. */
export function trendChart(series: TrendSeries): string {
  const width = 360;
  const height = 150;
  const [left, right, top, bottom] = [46, 10, 12, 24];
  const known = series.values.filter((value): value is number => value !== null);
  const max = series.max ?? niceCeil(Math.max(1, ...known));
  const count = series.values.length;
  const x = (i: number): number => left + (count === 1 ? (width - left - right) / 2 : (i / (count - 1)) * (width - left - right));
  const y = (value: number): number => top + (1 - value / max) * (height - top - bottom);
  const points = series.values.map((value, i) => (value === null ? undefined : { x: x(i), y: y(value), value, time: series.times[i] ?? '' }));
  const path = points.filter((p) => p !== undefined).map((p, i) => `${i ? 'L' : 'M'}${round(p.x)} ${round(p.y)}`).join(' ');
  const dots = points.map((p) =>
    p ? `<circle class="dot ${series.kind}" cx="${round(p.x)}" cy="${round(p.y)}" r="3.5"><title>${esc(`${formatTime(p.time)}: ${series.format(p.value)}`)}</title></circle>` : '',
  );
  const last = known.at(-1);
  const label = `${series.name} over the last ${count === 1 ? 'run' : `${count} runs`}: ${known.map(series.format).join(', ') || 'no data'}`;
  return [
    `<svg class="trend" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">`,
    `<line class="grid" x1="${left}" x2="${width - right}" y1="${round(y(max))}" y2="${round(y(max))}"/>`,
    `<text class="axis" x="${left - 6}" y="${round(y(max) + 3.5)}" text-anchor="end">${esc(series.format(max))}</text>`,
    `<line class="baseline" x1="${left}" x2="${width - right}" y1="${round(y(0))}" y2="${round(y(0))}"/>`,
    `<text class="axis" x="${left - 6}" y="${round(y(0) + 3.5)}" text-anchor="end">${esc(series.format(0))}</text>`,
    path ? `<path class="line ${series.kind}" d="${path}"/>` : '',
    ...dots,
    `<text class="axis" x="${left}" y="${height - 6}">oldest</text>`,
    `<text class="axis" x="${width - right}" y="${height - 6}" text-anchor="end">${esc(series.newest ?? 'this run')}${last === undefined ? '' : `: ${esc(series.format(last))}`}</text>`,
    '</svg>',
  ].join('');
}
