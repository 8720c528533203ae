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

  const sorted = [...units].sort(byEstimate);
  const members: WorkUnit[][] = Array.from({ length: total }, () => []);
  const work = new Array<number>(total).fill(0);
  const time = (shard: number, extra = 0): number => (work[shard]! + extra) / capacity[shard]!;
  for (const unit of sorted) {
    let best = 0;
    for (let shard = 1; shard < total; shard++) if (time(shard, unit.estimateMs) < time(best, unit.estimateMs)) best = shard;
    members[best]!.push(unit);
    work[best]! += unit.estimateMs;
  }
  improve(members, work, capacity);

  const shards = members.map((list, i) => ({
    index: i + 1,
    estimateMs: time(i),
    weight: capacity[i]!,
    tests: list.reduce((sum, unit) => sum + unit.tests.length, 0),
    // In the plan, a shard's lines keep a stable order: the longest first, as they were assigned.
    lines: [...list].sort(byEstimate).map((unit) => unit.line),
  }));
  const totalWork = work.reduce((a, b) => a + b, 0);
  const totalCapacity = capacity.reduce((a, b) => a + b, 0);
  return { shards, makespanMs: Math.max(...shards.map((s) => s.estimateMs)), idealMs: totalWork / totalCapacity };
}

/**
 * Moves a unit out of the longest shard, or swaps one with a shorter unit elsewhere, whenever both
 * shards then end before the current makespan. LPT alone can be a third off the optimum; this
 * closes most of that gap on real suites for little cost.
 */
function improve(members: WorkUnit[][], work: number[], capacity: readonly number[]): void {
  const time = (shard: number): number => work[shard]! / capacity[shard]!;
  for (let round = 0; round < MAX_IMPROVEMENT_ROUNDS; round++) {
    let longest = 0;
    for (let shard = 1; shard < work.length; shard++) if (time(shard) > time(longest)) longest = shard;
    const makespan = time(longest);
    if (!tryMoveOrSwap(members, work, capacity, longest, makespan)) return;
  }
}

function tryMoveOrSwap(members: WorkUnit[][], work: number[], capacity: readonly number[], from: number, makespan: number): boolean {
  const source = members[from]!;
  for (let to = 0; to < work.length; to++) {
    if (to === from) continue;
    for (let i = 0; i < source.length; i++) {
      const unit = source[i]!;
      // Move: both shards must end strictly before the current makespan.
      if ((work[to]! + unit.estimateMs) / capacity[to]! < makespan && (work[from]! - unit.estimateMs) / capacity[from]! < makespan) {
        source.splice(i, 1);
        members[to]!.push(unit);
        work[from]! -= unit.estimateMs;
        work[to]! += unit.estimateMs;
        return true;
      }
    }
  }
  for (let to = 0; to < work.length; to++) {
    if (to === from) continue;
    const target = members[to]!;
    for (let i = 0; i < source.length; i++) {
      for (let j = 0; j < target.length; j++) {
        const delta = source[i]!.estimateMs - target[j]!.estimateMs;
        if (delta <= 0) continue;
        if ((work[to]! + delta) / capacity[to]! < makespan && (work[from]! - delta) / capacity[from]! < makespan) {
          const unit = source[i]!;
          source[i] = target[j]!;
          target[j] = unit;
          work[from]! -= delta;
          work[to]! += delta;
          return true;
        }
      }
    }
  }
  return false;
}
