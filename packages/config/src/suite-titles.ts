import path from 'node:path';

/**
 * The describe titles an app's test is declared under: the suite's file name, then the suite's
 * name when it has one, so every report reads `login.yaml › Login flow › login`. Playwright places
 * a test where `test()` is called, in the spec that plays suites, and offers no location option
 * for tests (only for steps): the title is where the suite file can be named.
 */
export function suiteTitles(name: string | undefined, file: string): string[] {
  const base = path.basename(file);
  return name && name !== base ? [base, name] : [base];
}
