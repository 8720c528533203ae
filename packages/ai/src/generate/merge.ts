import type { GeneratedTest, SkippedCandidate, Step } from './types.js';

/** Longest title kept whole: titles become app names, which share 255 bytes with the suite's name. */
const MAX_TITLE = 150;

/** The role of the control a test acts on last (or how it is found), and what the action is. */
function controlOf(steps: Step[]): string {
  const acts = steps.filter((step) => !step.kind.startsWith('expect'));
  const last = acts[acts.length - 1];
  if (!last || !('target' in last)) return 'none';
  const target = last.target.by === 'within' ? last.target.inner : last.target;
  return `${last.kind}:${target.by === 'role' ? target.role : target.by}`;
}

/**
 * Tests that open the same page, act on a control of the same role and observe the same effect
 * test the same thing: the first (the shortest, as exploring goes breadth first) is kept. Content
 * tests are one per page and never merged.
 */
export function mergeDuplicates(tests: GeneratedTest[]): { kept: GeneratedTest[]; merged: SkippedCandidate[] } {
  const seen = new Map<string, string>();
  const kept: GeneratedTest[] = [];
  const merged: SkippedCandidate[] = [];
  for (const test of tests) {
    const key = test.kind === 'content' || test.effect === undefined ? undefined : `${test.url}|${controlOf(test.steps)}|${test.effect}`;
    const first = key === undefined ? undefined : seen.get(key);
    if (first !== undefined) {
      merged.push({ title: test.title, reason: `same page, control role and observed effect as "${first}"` });
      continue;
    }
    if (key !== undefined) seen.set(key, test.title);
    kept.push(test);
  }
  return { kept, merged };
}

/** A safe title, shortened in its first part so that `suffix` (what tells it apart) stays whole. */
function clean(title: string, suffix = ''): string {
  const safe = (text: string) => text.replace(/[\\/]/g, '∕').replace(/\p{Cc}/gu, ' ');
  const [head, tail] = [safe(title), safe(suffix)];
  const room = Math.max(20, MAX_TITLE - tail.length);
  return `${head.length > room ? `${head.slice(0, room - 1).trimEnd()}…` : head}${tail}`;
}

/**
 * Titles become YAML app names, which become file names: no slashes, no control characters, no
 * repeats. A title another test already has says what this one checks; one that still repeats is
 * the same test in words, and is merged.
 */
export function uniqueTitles(tests: GeneratedTest[]): { kept: GeneratedTest[]; merged: SkippedCandidate[] } {
  const used = new Set<string>();
  const kept: GeneratedTest[] = [];
  const merged: SkippedCandidate[] = [];
  for (const test of tests) {
    const checks = test.steps.filter((step) => step.kind.startsWith('expect')).map((step) => step.description);
    const options = [clean(test.title), ...checks.map((check) => clean(test.title, `: checks ${check}`))];
    const title = options.find((option) => !used.has(option));
    if (title === undefined) {
      merged.push({ title: test.title, reason: 'another kept test has the same title and checks' });
      continue;
    }
    used.add(title);
    kept.push({ ...test, title });
  }
  return { kept, merged };
}
