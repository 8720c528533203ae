import type { Granularity } from '@panoptic/model/shard-plan';
import type { WorkUnit } from './plan.js';

/** A test as `playwright test --list` shows it: project, file relative to the config's rootDir, titles. */
export interface ListedTest {
  project: string;
  /** `/`-separated, relative to Playwright's rootDir. */
  file: string;
  /** Describe titles, then the test's own title. */
  titlePath: string[];
}

// Granularity is recorded in shard plans: @panoptic/model owns its values.
export type { Granularity };

export const DEFAULT_FALLBACK_MS = 1000;

/** Playwright's test list splits a line on `›` (or `>` when there is no `›`) and trims each part. */
const SEPARATOR = ' › ';

/** The history key of a test, as the reporter writes it: project, file and title path joined by ` › `. */
export function historyKeyOf(test: ListedTest): string {
  return [...(test.project ? [test.project] : []), test.file, ...test.titlePath].join(SEPARATOR);
}

/** Whether a part survives Playwright's test-list parsing unchanged. */
function expressible(part: string): boolean {
  return part !== '' && part === part.trim() && !part.includes('›') && !part.includes('>') && !part.startsWith('[');
}

/**
 * The test-list line that selects `test` at the chosen granularity. A title Playwright's test-list
 * parser would split or trim cannot be named, so the line stops at its parent: the describe, or the
 * file. Throws when even the project and file cannot be named.
 */
export function testListLine(test: ListedTest, granularity: Granularity): string {
  if (test.project.includes(']') || test.project.includes('›') || test.project.includes('>')) {
    throw new Error(`project "${test.project}" cannot be named in a Playwright test list (it contains "]", "›" or ">"); rename the project to shard it`);
  }
  // The file part is parsed as a location: a trailing ":<line>" or ":<line>:<column>" would be cut off.
  if (!expressible(test.file) || /:\d+$/.test(test.file)) {
    throw new Error(`test file "${test.file}" cannot be named in a Playwright test list (a "›" or ">", surrounding spaces, or a trailing ":<number>" in its name); rename the file to shard it`);
  }
  const parts = [...(test.project ? [`[${test.project}]`] : []), test.file];
  if (granularity === 'test') {
    for (const title of test.titlePath) {
      if (!expressible(title)) break;
      parts.push(title);
    }
  }
  return parts.join(SEPARATOR);
}

/** Median of a non-empty list. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface UnitsResult {
  units: WorkUnit[];
  /** The estimate given to a test with no history when its file has none either. */
  fallbackMs: number;
  /** Tests with a recorded duration, and without. */
  known: number;
  unknown: number;
}

/**
 * Groups tests into units and estimates each. A test without history gets the median of its file's
 * known tests (tests of a file tend to be alike), else the median of every known test, else 1 s.
 * A line also selects every test whose title path it is a prefix of (Playwright matches test-list
 * lines by prefix), so such tests are kept in one unit: no test can run on two shards.
 */
export function buildUnits(tests: readonly ListedTest[], durations: ReadonlyMap<string, number>, granularity: Granularity): UnitsResult {
  const unique = new Map<string, ListedTest>();
  for (const test of tests) unique.set(historyKeyOf(test), test);
  const entries = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const known = entries.flatMap(([key]) => durations.get(key) ?? []);
  const fallbackMs = known.length ? median(known) : DEFAULT_FALLBACK_MS;
  const knownByFile = new Map<string, number[]>();
  for (const [key, test] of entries) {
    const duration = durations.get(key);
    if (duration === undefined) continue;
    const file = `${test.project}\0${test.file}`;
    knownByFile.set(file, [...(knownByFile.get(file) ?? []), duration]);
  }

  // Union-find over tests: a test joins the unit of every line that selects it; a unit's root is
  // its member that comes first in key order.
  const nodes = entries.map(([key, test], order): UnitNode => ({ key, test, order, line: testListLine(test, granularity) }));
  const byPrefix = new Map<string, UnitNode[]>();
  for (const node of nodes) {
    const { test } = node;
    const parts = [...(test.project ? [`[${test.project}]`] : []), test.file, ...test.titlePath];
    const first = test.project ? 2 : 1;
    for (let end = first; end <= parts.length; end++) {
      const prefix = parts.slice(0, end).join(SEPARATOR);
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), node]);
    }
  }
  for (const node of nodes) for (const other of byPrefix.get(node.line) ?? []) union(node, other);

  const groups = new Map<UnitNode, UnitNode[]>();
  for (const node of nodes) groups.set(rootOf(node), [...(groups.get(rootOf(node)) ?? []), node]);
  const units: WorkUnit[] = [];
  let unknown = 0;
  for (const members of groups.values()) {
    let estimateMs = 0;
    let estimated = 0;
    for (const { key, test } of members) {
      const recorded = durations.get(key);
      if (recorded !== undefined) {
        estimateMs += recorded;
      } else {
        const sameFile = knownByFile.get(`${test.project}\0${test.file}`);
        estimateMs += sameFile ? median(sameFile) : fallbackMs;
        estimated++;
      }
    }
    unknown += estimated;
    // The shortest line of the group selects all of it (the others are prefixed by it or equal).
    const line = members.map((member) => member.line).reduce((a, b) => (b.length < a.length || (b.length === a.length && b < a) ? b : a));
    units.push({ line, tests: members.map((member) => member.key), estimateMs, estimated });
  }
  return { units, fallbackMs, known: entries.length - unknown, unknown };
}

/** A test in the union-find that groups tests into units. */
interface UnitNode {
  key: string;
  test: ListedTest;
  /** Its place in key order: the earlier of two roots becomes the root of both. */
  order: number;
  line: string;
  /** Unset on a root. */
  parent?: UnitNode;
}

function rootOf(node: UnitNode): UnitNode {
  if (node.parent === undefined) return node;
  node.parent = rootOf(node.parent);
  return node.parent;
}

function union(a: UnitNode, b: UnitNode): void {
  const [ra, rb] = [rootOf(a), rootOf(b)];
  if (ra === rb) return;
  if (ra.order < rb.order) rb.parent = ra;
  else ra.parent = rb;
}
