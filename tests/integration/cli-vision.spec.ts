import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { useBrowser } from '../helpers/ai-pages.js';
import { distinctColours } from '../helpers/desktop.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { pngSize } from '../helpers/media.js';

interface AnalysisJson {
  source: string;
  elements: { tag: string; name: string; interactive: boolean }[];
  ocr: { text: string }[];
  findings: { kind: string; message: string }[];
}

const browser = useBrowser();

const readAnalysis = (dir: string): AnalysisJson => JSON.parse(fs.readFileSync(path.join(dir, 'analysis.json'), 'utf8')) as AnalysisJson;

test('vision analyses a page and a screenshot into analysis.json and an annotated PNG', async () => {
  const page = `<!doctype html><body style="font-family: sans-serif; font-size: 24px">
<h1>Account settings</h1><button>Save changes</button><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
</body>`;
  const dir = writeProject({ 'page.html': page });
  const url = pathToFileURL(path.join(dir, 'page.html')).href;
  const run = await runPanoptic(dir, ['vision', url, '--size', '800x600']);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stdout).toMatch(/^\d+ elements \(1 interactive\), \d+ words read by OCR, \d+ findings?\n/);
  expect(run.stdout).toContain('  image-missing-alt ');
  expect(run.stdout).toContain('  analysis: panoptic-results/vision/analysis.json\n  annotated: panoptic-results/vision/annotated.png\n');
  const analysis = readAnalysis(path.join(dir, 'panoptic-results', 'vision'));
  expect(analysis.source).toBe(url);
  expect(analysis.elements).toContainEqual(expect.objectContaining({ tag: 'button', name: 'Save changes', interactive: true }));
  expect(analysis.ocr.map((word) => word.text)).toEqual(expect.arrayContaining(['Account', 'changes']));
  expect(pngSize(path.join(dir, 'panoptic-results', 'vision', 'annotated.png'))).toEqual({ width: 800, height: 600 });

  // A screenshot has no DOM: its text is found by OCR, as text only in pixels, at the image's own size.
  const screen = await browser.page('<body style="margin:40px;font:32px sans-serif">Invoice total 4213</body>');
  await screen.setViewportSize({ width: 640, height: 160 });
  await screen.screenshot({ path: path.join(dir, 'shot.png') });
  const shot = await runPanoptic(dir, ['vision', 'shot.png', '--report', 'shot-vision']);
  expect(shot.exitCode, shot.output).toBe(0);
  expect(shot.stdout).toContain('text-only-in-pixels');
  expect(readAnalysis(path.join(dir, 'shot-vision')).findings).toContainEqual(expect.objectContaining({ kind: 'text-only-in-pixels', message: expect.stringContaining('Invoice total 4213') }));
  const annotated = path.join(dir, 'shot-vision', 'annotated.png');
  expect(pngSize(annotated)).toEqual({ width: 640, height: 160 });
  // The boxes drawn in colour: the screenshot itself is black on white (and grey anti-aliasing).
  expect(distinctColours(annotated)).toBeGreaterThan(distinctColours(path.join(dir, 'shot.png')));

  const missing = await runPanoptic(dir, ['vision', 'nothing.png']);
  expect(missing.exitCode).toBe(1);
  expect(missing.stderr).toContain('error: nothing.png: neither an http(s) or file URL nor an image file that exists');
  // A page that does not load: Playwright's first line, without its call log.
  const unreachable = await runPanoptic(dir, ['vision', 'http://127.0.0.1:9/']);
  expect(unreachable.exitCode).toBe(1);
  expect(unreachable.stderr).toMatch(/^error: page\.goto: net::ERR_\w+ at http:\/\/127\.0\.0\.1:9\/\n$/);
});

test('generate --report prints an earlier generation readably: tests kept by kind, candidates dropped by reason', async () => {
  const generated = {
    name: 'Demo',
    startUrl: 'http://127.0.0.1:4173/',
    pages: ['http://127.0.0.1:4173/'],
    tests: [{ title: 'Home shows its headings', kind: 'content', url: 'http://127.0.0.1:4173/', steps: [] }],
    skipped: [{ title: 'Button "menu"', reason: 'no locator finds it alone' }],
  };
  const dir = writeProject({ 'generated/demo.generated.json': JSON.stringify(generated) });
  const run = await runPanoptic(dir, ['generate', '--report', 'generated']);
  expect(run.exitCode, run.output).toBe(0);
  expect(run.stdout).toContain('Kept: 1 test, each replayed and passing\n  content (1)\n    + Home shows its headings (0 steps)\n');
  expect(run.stdout).toContain('Dropped: 1 candidate\n  - no locator finds it alone\n      Button "menu"\n');
  const bad = await runPanoptic(dir, ['generate', '--report', 'package.json']);
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toContain('error: package.json: not a report of `panoptic generate`');
  const nothing = await runPanoptic(dir, ['generate']);
  expect(nothing.exitCode).toBe(1);
  expect(nothing.stderr).toContain('error: give the <url> to explore');
});
