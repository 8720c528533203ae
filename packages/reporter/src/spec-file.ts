import fs from 'node:fs';
import path from 'node:path';

const toPosix = (file: string): string => file.split(path.sep).join('/');

// A run asks once per spec folder, not once per test.
const packageRoots = new Map<string, { dir: string; name: string } | null>();

/** The nearest folder above `dir` with a named package.json, or null. */
function packageOf(dir: string): { dir: string; name: string } | null {
  const cached = packageRoots.get(dir);
  if (cached !== undefined) return cached;
  let found: { dir: string; name: string } | null = null;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name) found = { dir, name: pkg.name };
  } catch {
    // No package.json here (or an unreadable one): keep looking upwards.
  }
  const parent = path.dirname(dir);
  if (!found && parent !== dir) found = packageOf(parent);
  packageRoots.set(dir, found);
  return found;
}

/**
 * The spec file as a test's key names it. A user's spec is named relative to the config's folder,
 * as Playwright's test list names it. The spec that plays YAML suites belongs to a package, so it is
 * named inside that package (`@panoptic/fixtures/dist/play/suite.spec.js`): relative to the config
 * it would read `../../node_modules/...` under `panoptic run` (whose config lives in the output
 * folder), something else under `npm run demo`, and name this machine's folders from a temp dir.
 * A test keeps one history however its run was started.
 */
export function specFileOf(rootDir: string, file: string, packaged: boolean): string {
  const relative = toPosix(path.relative(rootDir, file));
  if (!packaged) return relative;
  const owner = packageOf(path.dirname(file));
  return owner ? `${owner.name}/${toPosix(path.relative(owner.dir, file))}` : relative;
}
