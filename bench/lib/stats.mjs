// Statistics the benchmarks share: medians, a bootstrap confidence interval of a paired ratio, and
// the verdict of a target from a figure and its interval.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value, digits = 3) => (value === undefined ? undefined : Math.round(value * 10 ** digits) / 10 ** digits);

/** A seeded generator (mulberry32): the same rounds give the same interval on every machine. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sum = (values) => values.reduce((total, value) => total + value, 0);

/**
 * The ratio sum(a)/sum(b) of paired rounds (`pairs[i] = [a, b]` measured side by side), with a
 * percentile bootstrap 95% interval: rounds are resampled as pairs, so what the machine did during
 * a round (load from elsewhere) stays in both sides of it.
 * @param {Array<[number, number]>} pairs
 * @returns {{ ratio: number | undefined, ci: [number, number] | undefined, rounds: number }}
 */
export function pairedRatio(pairs, { iterations = 10_000, seed = 1 } = {}) {
  if (!pairs.length) return { ratio: undefined, ci: undefined, rounds: 0 };
  const ratio = sum(pairs.map(([a]) => a)) / sum(pairs.map(([, b]) => b));
  if (pairs.length < 2) return { ratio: round(ratio, 4), ci: undefined, rounds: pairs.length };
  const next = random(seed);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < pairs.length; j++) {
      const [x, y] = pairs[Math.floor(next() * pairs.length)];
      a += x;
      b += y;
    }
    samples[i] = a / b;
  }
  samples.sort();
  const at = (p) => samples[Math.min(iterations - 1, Math.floor(p * iterations))];
  return { ratio: round(ratio, 4), ci: [round(at(0.025), 4), round(at(0.975), 4)], rounds: pairs.length };
}

/**
 * met, missed or undecided. A figure with an interval is decided only when the whole interval is on
 * one side of the bound; without one (a single measurement, a count) the figure decides.
 * @param {{ value: number | undefined | null, ci?: [number, number] | number[], max?: number, min?: number }} figure
 */
export function verdict({ value, ci, max, min }) {
  if (value === undefined || value === null || Number.isNaN(value)) return 'not measured';
  const [lo, hi] = ci ?? [value, value];
  if (max !== undefined) return hi <= max ? 'met' : lo > max ? 'missed' : 'undecided';
  if (min !== undefined) return lo >= min ? 'met' : hi < min ? 'missed' : 'undecided';
  return 'no target';
}

/** A target as result files record it: what it judges, its figure and interval, the bound, the verdict. */
export function target(id, { label, value, ci, max, min, unit = '' }) {
  const entry = { id, label, unit, value: round(value, 4) };
  if (ci) entry.ci = ci;
  if (max !== undefined) entry.max = max;
  if (min !== undefined) entry.min = min;
  entry.verdict = verdict({ value, ci, max, min });
  return entry;
}

/** A pairedRatio as a target's value and interval. */
export const ciOf = ({ ratio, ci }) => ({ value: ratio, ci });
