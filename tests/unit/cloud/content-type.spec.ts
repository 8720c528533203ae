import { test, expect } from '@playwright/test';
import { contentTypeFor, isCompressible } from '@panoptic/cloud';

test('content types from mime-db, with text as UTF-8 and Panoptic’s own choices kept', () => {
  const expected: Record<string, string> = {
    'index.html': 'text/html; charset=utf-8',
    'app.JS': 'text/javascript; charset=utf-8',
    'summary.json': 'application/json',
    'results.jsonl': 'application/x-ndjson',
    'metrics.prom': 'text/plain; version=0.0.4; charset=utf-8',
    'suite.yml': 'application/yaml',
    'favicon.ico': 'image/x-icon',
    'shots/home.png': 'image/png',
    'clip.webm': 'video/webm',
    'trace.zip': 'application/zip',
    'notes.md': 'text/markdown; charset=utf-8',
    'font.woff2': 'font/woff2',
    'data.tsv': 'text/tab-separated-values; charset=utf-8',
    'blob.unknownext': 'application/octet-stream',
    'no-extension': 'application/octet-stream',
  };
  for (const [file, type] of Object.entries(expected)) expect(contentTypeFor(file), file).toBe(type);
  expect(isCompressible(contentTypeFor('report.html'))).toBe(true);
  expect(isCompressible(contentTypeFor('clip.webm'))).toBe(false);
});
