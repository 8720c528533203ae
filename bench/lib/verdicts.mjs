// Reads the result files and says, per target, what they decide: shared by `npm run bench --
// --check` and the README's figures table, so both say the same.
import fs from 'node:fs';
import path from 'node:path';
import { resultsDir } from './result.mjs';

/** Every bench/results/<name>.json, parsed, in name order. */
export function readResults(dir = resultsDir) {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ ...JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), name: path.basename(file, '.json') }));
}

const short = (commit) => (commit ? commit.slice(0, 7) : 'unknown');

/** How a result file was measured, in a few words: commit (+ changes), quick or full, load. */
export function provenance(result) {
  const meta = result.meta;
  if (!meta) return 'no record of when or where (measured before bench/lib); run it again';
  const load = `load ${meta.loadBefore?.[0] ?? '?'}→${meta.loadAfter?.[0] ?? '?'}`;
  return `${short(meta.commit)}${meta.dirty ? '+changes' : ''}, ${meta.quick ? 'quick rounds' : 'full rounds'}, ${meta.cpus} CPUs, node ${meta.node}, ${load}, ${meta.startedAt?.slice(0, 10)}`;
}

/** A figure as read: ratios to 3 decimals, ms and MB whole, anything else to 3 significant digits. */
function formatNumber(value, unit) {
  if (typeof value !== 'number') return String(value);
  if (unit === 'x') return value.toFixed(3);
  if (unit === 'ms' || unit === 'MB' || Math.abs(value) >= 100) return value.toFixed(0);
  return String(Number(value.toPrecision(3)));
}

const unitText = (unit) => (unit === 'x' ? '×' : unit ? ` ${unit}` : '');

export function formatFigure(t) {
  const ci = t.ci ? ` [${formatNumber(t.ci[0], t.unit)}, ${formatNumber(t.ci[1], t.unit)}]` : '';
  return `${formatNumber(t.value, t.unit)}${unitText(t.unit)}${ci}`;
}

export function formatBound(t) {
  if (t.max !== undefined) return `≤ ${formatNumber(t.max, t.unit)}${unitText(t.unit)}`;
  if (t.min !== undefined) return `≥ ${formatNumber(t.min, t.unit)}${unitText(t.unit)}`;
  return '—';
}

/** A load average above the CPU count: other work had the cores, and timings say more about it than about the code. */
const busy = (meta) => Math.max(meta.loadBefore?.[0] ?? 0, meta.loadAfter?.[0] ?? 0) > meta.cpus;

/** Why a result's verdicts may not hold at `head`; empty when none. */
function cautions(meta, head) {
  const load = Math.max(meta.loadBefore?.[0] ?? 0, meta.loadAfter?.[0] ?? 0);
  return [
    meta.quick && 'quick rounds',
    busy(meta) && `busy machine (load ${load} on ${meta.cpus} CPUs)`,
    meta.dirty && 'uncommitted changes',
    head && meta.commit !== head && `measured at ${short(meta.commit)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * One row per target of every result file; a file that records no targets (figures only) or
 * predates targets gets one row saying so. A verdict measured at another commit than `head`, on a
 * tree with changes or in quick rounds says so too: it may be stale, or undecided for want of rounds.
 */
export function targetRows(results, head) {
  const rows = [];
  for (const result of results) {
    const stale = result.meta ? cautions(result.meta, head) : 'no metadata';
    const targets = Array.isArray(result.targets) && result.meta ? result.targets : [];
    if (!targets.length) rows.push({ bench: result.name, id: '', label: result.meta ? 'figures only, no target' : 'measured before targets were recorded: run it again', figure: '', bound: '', verdict: '', stale, provenance: provenance(result) });
    for (const t of targets) {
      rows.push({ bench: result.name, id: t.id, label: t.label, figure: formatFigure(t), bound: formatBound(t), verdict: t.verdict, stale, provenance: provenance(result) });
    }
  }
  return rows;
}
