import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../../helpers/inline.js';

// The templates drive the demo app, which `npm run demo` starts but `npx panoptic run` does not: a
// newcomer who opens one must read how to start it before its first line of YAML.
test('every template that drives the demo app says how to start it', () => {
  const dir = path.join(repoRoot, 'templates');
  const silent = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yaml'))
    .filter((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return text.includes('127.0.0.1:4173') && !text.includes('Start the demo app first: `node apps/demo/server.mjs`');
    });
  expect(silent).toEqual([]);
});
