import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
// Unit test of the reporter's internal JSON writer: imported directly.
import { ChunkedFile, writeJson } from '../../../packages/reporter/dist/outputs/chunked-file.js';

test('writeJson writes what JSON.stringify gives, long arrays and nested objects included, through a small buffer', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-json-')), 'out.json');
  const long = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? i / 3 : i));
  const value = {
    version: 2,
    keys: long.map((n) => `p › a.spec.ts › “test” ${n}\n`),
    runs: [
      { startTime: '2026-01-01T00:00:00.000Z', codes: 'e-uf', durations: long, durationMs: undefined },
      { startTime: 'x', codes: '', durations: [], nested: { a: [1, { b: null }], skip: undefined, no: () => 1 } },
    ],
    empty: {},
    list: [null, undefined, 'x', 0, -0, true],
  };
  const fd = fs.openSync(file, 'w');
  const out = new ChunkedFile(fd);
  writeJson(out, value);
  out.flush();
  fs.closeSync(fd);
  expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(value));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});
