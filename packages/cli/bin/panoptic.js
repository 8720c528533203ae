#!/usr/bin/env node
// The command's entry point. It exists before the build, so npm links `panoptic` at install time
// (a bin pointing into dist/ is skipped when dist/ is not built yet); the code is in dist/.
await import('../dist/bin.js');
