import { test, expect } from '@playwright/test';
import { artifactTable, type ShownArtifact } from '../../../packages/server/dist/dashboard/views/artifacts.js';

// How a test's page shows its artifacts: a link into the store shows an image inline and a trace
// with the trace viewer beside the download; a link the reporter chose is a plain link the page
// never loads; an artifact without a link names its store and key.

const ORIGIN = 'http://127.0.0.1:8080';
const base = { retry: 0, shard: 1 } as const;

test('store links: images inline, traces to download or open in the trace viewer, others to download', () => {
  const shown: ShownArtifact[] = [
    { ...base, name: 'home.png', kind: 'screenshot', content_type: 'image/png', key: 'k/home.png', link: '/dashboard/artifacts/t1/home.png', stored: true },
    { ...base, name: 'trace.zip', kind: 'trace', content_type: 'application/zip', key: 'k/trace.zip', link: '/dashboard/artifacts/t2/trace.zip', stored: true },
    { ...base, retry: 1, name: 'video.webm', kind: 'video', content_type: 'video/webm', key: 'k/video.webm', link: 'https://bucket.example/k/video.webm?sig=a&se=b', stored: true },
  ];
  const html = artifactTable('local folder ../store', shown, ORIGIN, 300);
  expect(html).toContain('<img src="/dashboard/artifacts/t1/home.png" alt="Preview of home.png" width="320" loading="lazy">');
  expect(html).toContain(`<a href="https://trace.playwright.dev/?trace=${encodeURIComponent(`${ORIGIN}/dashboard/artifacts/t2/trace.zip`)}" rel="noopener noreferrer">open in the trace viewer</a>`);
  expect(html).toContain('<a href="https://bucket.example/k/video.webm?sig=a&amp;se=b" download>video.webm</a>');
  expect(html).toContain('<td class="num">1</td>');
  expect(html).toContain('Links into the store work for 5 min');
});

test("a reporter's own link is a plain link and never an image; no link names the store and key", () => {
  const shown: ShownArtifact[] = [
    { ...base, name: 'shot.png', kind: 'screenshot', content_type: 'image/png', url: 'https://elsewhere.example/shot.png', link: 'https://elsewhere.example/shot.png' },
    { ...base, name: 'log.txt', kind: 'other', content_type: 'text/plain', key: 'k/../../log.txt' },
  ];
  const html = artifactTable('s3://bucket', shown, ORIGIN, 300);
  expect(html).not.toContain('<img');
  expect(html).toContain('<a href="https://elsewhere.example/shot.png" rel="noopener noreferrer">shot.png</a>');
  expect(html).toContain('log.txt <span class="note">(in the store s3://bucket at <code>k/../../log.txt</code>)</span>');
  expect(html, 'no store link on the page, no lifetime note').not.toContain('Links into the store');
  expect(artifactTable(null, [], ORIGIN, undefined)).toContain('No artifact was kept.');
});
