#!/usr/bin/env node
// The command's entry point. It exists before the build, so npm links `panoptic` at install time
// (a bin pointing into dist/ is skipped when dist/ is not built yet); the code is in dist/.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin.js', import.meta.url);
// In a clone that was installed but not built yet, say what to run rather than show a stack trace.
if (!existsSync(entry)) {
  process.stderr.write('error: panoptic is not built yet: run `npm run build` (or `npm run demo`) in the repository first\n');
  process.exit(1);
}
await import(entry.href);
