import { errorSignature } from './signature.js';

// Failure triage over the project's newest runs: failures grouped by category and by signature,
// each signature placed in time. Pure, so the rules are unit-tested; the page says them too.

export interface Failure {
  key: string;
  title: string;
  error: string | null;
  category: string | null;
  run_id: string;
  /** 0 for the newest run read. */
  age: number;
}

export type GroupState = { state: 'new' } | { state: 'recurring'; since: string } | { state: 'fixed'; in: string | undefined; last: string };

export interface SignatureGroup {
  signature: string;
  categories: string[];
  failures: number;
  tests: { key: string; title: string }[];
  state: GroupState;
}

export interface CategoryGroup {
  category: string;
  failures: number;
  tests: number;
  signatures: number;
}

/**
 * `runs` is the run ids newest first (age = index). A signature seen in the newest run is "new" when
 * that is the only run it appears in, else "recurring since" its oldest run; one not seen in the
 * newest run is "fixed in" the run after its last appearance.
 */
export function groupFailures(failures: readonly Failure[], runs: readonly string[]): { signatures: SignatureGroup[]; categories: CategoryGroup[] } {
  const bySignature = new Map<string, Failure[]>();
  for (const failure of failures) {
    const signature = errorSignature(failure.error);
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), failure]);
  }
  const signatures = [...bySignature].map(([signature, items]): SignatureGroup => {
    const newest = Math.min(...items.map((item) => item.age));
    const oldest = Math.max(...items.map((item) => item.age));
    const runOf = (age: number): string => items.find((item) => item.age === age)?.run_id ?? runs[age] ?? '';
    const state: GroupState = newest > 0 ? { state: 'fixed', in: runs[newest - 1], last: runOf(newest) } : oldest === 0 ? { state: 'new' } : { state: 'recurring', since: runOf(oldest) };
    const tests = new Map(items.map((item) => [item.key, { key: item.key, title: item.title }]));
    const categories = [...new Set(items.map((item) => item.category ?? 'uncategorised'))].sort();
    return { signature, categories, failures: items.length, tests: [...tests.values()], state };
  });
  const order = { new: 0, recurring: 1, fixed: 2 } as const;
  signatures.sort((a, b) => order[a.state.state] - order[b.state.state] || b.failures - a.failures || a.signature.localeCompare(b.signature));
  const byCategory = new Map<string, Failure[]>();
  for (const failure of failures) {
    const category = failure.category ?? 'uncategorised';
    byCategory.set(category, [...(byCategory.get(category) ?? []), failure]);
  }
  const categories = [...byCategory].map(([category, items]) => ({
    category,
    failures: items.length,
    tests: new Set(items.map((item) => item.key)).size,
    signatures: new Set(items.map((item) => errorSignature(item.error))).size,
  }));
  categories.sort((a, b) => b.failures - a.failures || a.category.localeCompare(b.category));
  return { signatures, categories };
}
