// A node_modules folder as `npm install` gives a user, for benchmarks that time Panoptic inside
// Playwright's runner and workers.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './result.mjs';

/**
 * A node_modules folder as `npm install` gives a user: the repo's packages linked, and Panoptic's
 * own copied in (package.json, dist/, scripts/ and the package's nested node_modules). The repo links them
 * to packages/<name>, outside any node_modules, where Playwright treats their built JavaScript as
 * the user's sources (a Babel transform-cache lookup and tsconfig lookups per file), which an
 * installed package never pays. `builds` maps a package name to another folder to copy it from.
 */
export function installedNodeModules(root, builds = {}) {
  const repoModules = path.join(repoRoot, 'node_modules');
  const modules = path.join(root, 'installed', 'node_modules');
  fs.mkdirSync(path.join(modules, '@panoptic'), { recursive: true });
  for (const entry of fs.readdirSync(repoModules)) {
    if (entry !== '@panoptic') fs.symlinkSync(path.join(repoModules, entry), path.join(modules, entry));
  }
  for (const name of fs.readdirSync(path.join(repoModules, '@panoptic'))) {
    const source = builds[name] ?? fs.realpathSync(path.join(repoModules, '@panoptic', name));
    const target = path.join(modules, '@panoptic', name);
    if (!fs.existsSync(path.join(source, 'dist'))) {
      fs.symlinkSync(source, target, 'dir');
      continue;
    }
    fs.mkdirSync(target);
    fs.copyFileSync(path.join(source, 'package.json'), path.join(target, 'package.json'));
    for (const folder of ['dist', 'scripts']) {
      if (fs.existsSync(path.join(source, folder))) fs.cpSync(path.join(source, folder), path.join(target, folder), { recursive: true });
    }
    const nested = path.join(repoRoot, 'packages', name, 'node_modules');
    if (fs.existsSync(nested)) fs.symlinkSync(nested, path.join(target, 'node_modules'), 'dir');
  }
  return modules;
}
