#!/usr/bin/env node
// Bundles the reporter's own modules (src/, about 60 files) into one ESM file, dist/bundle/index.js,
// which the package's main entry points at; its dependencies (@panoptic/*, zod, prom-client...) stay
// imports. Playwright loads a reporter in its runner through its own module loader, where every
// module is a round trip to the loader's thread: one file instead of sixty took about a third off the
// reporter's import time (merge-reports of 2,000 tests, CPU time), which every run pays before its
// first test. Playwright ships its own code bundled the same way. The `exports` subpaths and the types
// stay tsc's output. Every build runs this after tsc (the root `build` script, scripts/prepare.mjs);
// a test runs it with `--check`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(packageDir, 'dist', 'bundle', 'index.js');

const result = await build({
  entryPoints: [path.join(packageDir, 'src', 'index.ts')],
  outfile,
  bundle: true,
  // Dependencies resolve as they do for tsc's output: one copy of each package in a process.
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // `--check` writes nothing and fails when the bundle on disk is not what src/ makes now (a build
  // that ran tsc alone leaves the entry stale: the package would run the code of an earlier build).
  write: !process.argv.includes('--check'),
});

if (process.argv.includes('--check')) {
  const made = result.outputFiles.find((file) => file.path === outfile)?.text;
  const current = fs.existsSync(outfile) ? fs.readFileSync(outfile, 'utf8') : undefined;
  if (made === undefined || made !== current) {
    process.stderr.write(`${path.relative(process.cwd(), outfile)} is not current: run npm run build (or node packages/reporter/scripts/bundle.mjs)\n`);
    process.exit(1);
  }
}
