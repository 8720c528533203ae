/**
 * Duration-balanced shard plans. Pure functions: the same units, total and weights always give the
 * same plan, so every CI machine that computes it (or reads it) agrees on who runs what.
 */

/** The smallest piece of work a shard can be given: one line of a Playwright test list. */
export interface WorkUnit {
  /** The test-list line that selects this unit's tests (`[project] › file › title…`). */
  line: string;
  /** History keys of the tests the line selects. */
  tests: string[];
  /** Expected time in ms: recorded medians, plus the fallback estimate for tests without history. */
  estimateMs: number;
  /** How many of `tests` had no recorded duration. */
  estimated: number;
}

export interface PlannedShard {
  /** 1-based, as Playwright's `--shard=<current>/<total>`. */
  index: number;
  /** Expected wall time: the shard's work divided by its weight. */
  estimateMs: number;
  /** Relative capacity of the machine running it (1 unless nodes say otherwise). */
  weight: number;
  tests: number;
  lines: string[];
}

export interface ShardAssignment {
  shards: PlannedShard[];
  /** The longest shard's expected time. */
  makespanMs: number;
  /** Total work divided by total capacity: no plan can beat it. */
  idealMs: number;
}

/** Local improvement rounds after LPT; each strictly shortens the longest shard, so it ends early. */
const MAX_IMPROVEMENT_ROUNDS = 10_000;

/** Units by estimate, longest first; ties by line so that the order never depends on input order. */
function byEstimate(a: WorkUnit, b: WorkUnit): number {
  return b.estimateMs - a.estimateMs || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0);
}

/**
 * Assigns units to `total` shards minimising the longest one: LPT (longest unit first, to the shard
 * that would finish it earliest), then moves and swaps out of the longest shard while that shortens it.
 * `weights` are the shards' relative capacities (e.g. nodes with more cores), default all 1.
 */
export function assignUnits(units: readonly WorkUnit[], total: number, weights?: readonly number[]): ShardAssignment {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`the shard total must be a whole number >= 1, got ${total}`);
  const capacity = weights ?? new Array<number>(total).fill(1);
  if (capacity.length !== total) throw new RangeError(`${capacity.length} shard weights given for ${total} shards`);
  for (const weight of capacity) if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`shard weights must be positive numbers, got ${weight}`);

  const bins: Bin[] = capacity.map((weight) => ({ units: [], work: 0, capacity: weight }));
  for (const unit of [...units].sort(byEstimate)) {
    const best = bins.reduce((a, b) => (finish(b, unit.estimateMs) < finish(a, unit.estimateMs) ? b : a));
    best.units.push(unit);
    best.work += unit.estimateMs;
  }
  improve(bins);

  const shards = bins.map((bin, i) => ({
    index: i + 1,
    estimateMs: finish(bin),
    weight: bin.capacity,
    tests: bin.units.reduce((sum, unit) => sum + unit.tests.length, 0),
    // In the plan, a shard's lines keep a stable order: the longest first, as they were assigned.
    lines: [...bin.units].sort(byEstimate).map((unit) => unit.line),
  }));
  const totalWork = bins.reduce((sum, bin) => sum + bin.work, 0);
  const totalCapacity = capacity.reduce((a, b) => a + b, 0);
  return { shards, makespanMs: Math.max(...shards.map((s) => s.estimateMs)), idealMs: totalWork / totalCapacity };
}

/** One shard being filled: its units, their summed estimate, and its relative capacity. */
interface Bin {
  units: WorkUnit[];
  work: number;
  capacity: number;
}

/** When the shard would finish with `extra` more work. */
const finish = (bin: Bin, extra = 0): number => (bin.work + extra) / bin.capacity;

/**
 * Moves a unit out of the longest shard, or swaps one with a shorter unit elsewhere, whenever both
 * shards then end before the current makespan. LPT alone can be a third off the optimum; this
 * closes most of that gap on real suites for little cost.
 */
function improve(bins: readonly Bin[]): void {
  for (let round = 0; round < MAX_IMPROVEMENT_ROUNDS; round++) {
    // The first longest, as a strict comparison from the first shard finds it.
    const longest = bins.reduce((a, b) => (finish(b) > finish(a) ? b : a));
    if (!tryMoveOrSwap(bins, longest, finish(longest))) return;
  }
}

/** Whether moving `delta` of work from `from` to `to` ends both strictly before `makespan`. */
const shortens = (from: Bin, to: Bin, delta: number, makespan: number): boolean =>
  (to.work + delta) / to.capacity < makespan && (from.work - delta) / from.capacity < makespan;

function tryMoveOrSwap(bins: readonly Bin[], from: Bin, makespan: number): boolean {
  const others = bins.filter((bin) => bin !== from);
  for (const to of others) {
    for (const [i, unit] of from.units.entries()) {
      if (!shortens(from, to, unit.estimateMs, makespan)) continue;
      from.units.splice(i, 1);
      to.units.push(unit);
      from.work -= unit.estimateMs;
      to.work += unit.estimateMs;
      return true;
    }
  }
  for (const to of others) {
    for (const [i, unit] of from.units.entries()) {
      for (const [j, other] of to.units.entries()) {
        const delta = unit.estimateMs - other.estimateMs;
        if (delta <= 0 || !shortens(from, to, delta, makespan)) continue;
        from.units[i] = other;
        to.units[j] = unit;
        from.work -= delta;
        to.work += delta;
        return true;
      }
    }
  }
  return false;
}
