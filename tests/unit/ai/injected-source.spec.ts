import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
// The bundled in-page source is internal: this test checks what the build step makes of the modules.
import { source } from '../../../packages/ai/dist/vision/generated/dom-collect-source.js';

const PACKAGE = fileURLToPath(new URL('../../../packages/ai/', import.meta.url));
const GENERATED = `${PACKAGE}src/vision/generated/dom-collect-source.ts`;

test('the generated collector source is what the in-page modules bundle to, and the built package carries it', () => {
  const check = spawnSync(process.execPath, [`${PACKAGE}scripts/build-injected.mjs`, '--check'], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
  const text = fs.readFileSync(GENERATED, 'utf8');
  const literal = /^export const source = (".*");$/m.exec(text)?.[1];
  expect(literal, 'the generated module exports one source string').toBeDefined();
  expect(source, 'dist was compiled from the current generated module (run npm run build)').toBe(JSON.parse(literal!) as string);
});

test('the injected source is one expression whose value is the collector, defining no globals', () => {
  // Evaluated in a fresh context, it yields a function and leaves the global object as it was.
  const before = Object.keys(globalThis).length;
  const collect = (0, eval)(source) as unknown;
  expect(typeof collect).toBe('function');
  expect((collect as { name: string }).name).toBe('collectDom');
  expect(Object.keys(globalThis).length).toBe(before);
});
