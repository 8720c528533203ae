import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { recognizeText, type OcrWord } from '@panoptic/ai';
// The worker pool is internal to @panoptic/ai: this test checks its size and reuse directly.
import { ocrPool } from '../../packages/ai/dist/ocr/engine.js';
import { useBrowser } from '../helpers/ai-pages.js';
import { repoRoot } from '../helpers/inline.js';

const browser = useBrowser();

const UI_PAGE = `<!doctype html><html><body style="margin:0;font-family:sans-serif;background:#f4f5f9">
  <nav style="background:#111827;color:#fff;padding:18px 24px;font-size:18px">Dashboard Settings</nav>
  <h1 style="margin:32px 24px;font-size:40px;color:#1f2937">Quarterly report</h1>
  <p style="margin:24px;font-size:18px;color:#374151">Revenue grew steadily this quarter</p>
  <button id="save" style="margin:24px;background:#1565c0;color:#fff;border:0;padding:12px 24px;font-size:18px">Publish</button>
</body></html>`;

function find(words: OcrWord[], text: string): OcrWord | undefined {
  return words.find((word) => word.text.replace(/[^\p{L}\p{N}]/gu, '') === text);
}

function inside(inner: OcrWord['box'], outer: { x: number; y: number; width: number; height: number }): boolean {
  return inner.x >= outer.x - 2 && inner.y >= outer.y - 2 && inner.x + inner.width <= outer.x + outer.width + 2 && inner.y + inner.height <= outer.y + outer.height + 2;
}

test('recognizeText reads dark-on-light and white-on-colour text with boxes where the page drew it', async () => {
  const page = await browser.page(UI_PAGE);
  const png = await page.screenshot();
  const words = await recognizeText(png);
  for (const text of ['Dashboard', 'Settings', 'Quarterly', 'report', 'Revenue', 'quarter', 'Publish']) {
    const word = find(words, text);
    expect(word, `"${text}" among ${words.map((w) => w.text).join(' ')}`).toBeTruthy();
    // One word's confidence on a page rendered afresh varies from run to run: what must hold is that
    // it is a probability, not any particular value.
    expect(word!.confidence).toBeGreaterThan(0);
    expect(word!.confidence).toBeLessThanOrEqual(1);
  }
  const button = (await page.locator('#save').boundingBox())!;
  expect(inside(find(words, 'Publish')!.box, button)).toBe(true);
  const heading = (await page.locator('h1').boundingBox())!;
  expect(inside(find(words, 'Quarterly')!.box, heading)).toBe(true);
  await page.close();
});

test('a pool of two reads a tall screenshot in bands and finds the same words as one worker', async () => {
  const paragraphs = Array.from({ length: 12 }, (_, i) => `<p style="font-size:20px;margin:40px 24px">Paragraph number ${i + 1} ends here</p>`).join('');
  const page = await browser.page(`<body style="margin:0;font-family:sans-serif">${paragraphs}</body>`);
  const png = await page.screenshot({ fullPage: true });
  const one = await recognizeText(png, { workers: 1 });
  const pool = await recognizeText(png, { workers: 2 });
  const texts = (words: OcrWord[]) => words.map((word) => word.text).sort();
  expect(texts(pool)).toEqual(texts(one));
  expect(one.filter((word) => word.text === 'Paragraph')).toHaveLength(12);
  // Band offsets are applied: each word keeps its place on the full image.
  const y = (words: OcrWord[]) => words.filter((word) => word.text === 'ends').map((word) => word.box.y).sort((a, b) => a - b);
  expect(y(pool)).toEqual(y(one));
  await page.close();
});

test('screenshots read at once on a pool of two go whole, one per worker; one alone is cut into bands; each reads as alone', async () => {
  const paragraphs = Array.from({ length: 12 }, (_, i) => `<p style="font-size:20px;margin:40px 24px">Paragraph number ${i + 1} ends here</p>`).join('');
  const page = await browser.page(`<body style="margin:0;font-family:sans-serif">${paragraphs}</body>`);
  const tall = await page.screenshot({ fullPage: true });
  const short = await page.screenshot();
  const alone = await Promise.all([tall, short].map((png) => recognizeText(png, { workers: 1 })));
  const pool = await ocrPool(2);
  let before = pool.jobs;
  const together = await Promise.all([tall, short, tall].map((png) => recognizeText(png, { workers: 2 })));
  expect(pool.jobs - before).toBe(3);
  expect(together).toEqual([alone[0], alone[1], alone[0]]);
  before = pool.jobs;
  const banded = await recognizeText(tall, { workers: 2 });
  expect(pool.jobs - before).toBe(2);
  const texts = (words: OcrWord[]) => words.map((word) => `${word.text}@${word.box.y}`).sort();
  expect(texts(banded)).toEqual(texts(alone[0]!));
  await page.close();
});

test('minConfidence leaves out words the engine is unsure of', async () => {
  const page = await browser.page(UI_PAGE);
  const png = await page.screenshot();
  const all = await recognizeText(png);
  const sure = await recognizeText(png, { minConfidence: 0.9 });
  expect(sure.every((word) => word.confidence >= 0.9)).toBe(true);
  expect(sure.length).toBe(all.filter((word) => word.confidence >= 0.9).length);
  await page.close();
});

test('anything but a PNG is refused with what was received', async () => {
  await expect(recognizeText(Buffer.from('GIF89a-not-a-png'))).rejects.toThrow(/expects a PNG image in a Buffer; got 16 bytes starting 474946/);
});

function runWithout(missing: string[]): { status: number | null; output: string } {
  // An install of @panoptic/ai with some of its optional peers absent.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-ocr-missing-'));
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '@panoptic', 'ai'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'packages', 'ai', 'dist'), path.join(modules, '@panoptic', 'ai', 'dist'), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'packages', 'ai', 'package.json'), path.join(modules, '@panoptic', 'ai', 'package.json'));
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'packages', 'ai', 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const installed = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) => !missing.includes(name));
  for (const name of installed) {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(modules, name), 'dir');
  }
  const script = [
    "import { recognizeText } from '@panoptic/ai';",
    "import { PNG } from 'pngjs';",
    'const png = PNG.sync.write(new PNG({ width: 4, height: 4 }));',
    'try { await recognizeText(png); console.log("no error"); } catch (error) { console.log(error.name + ": " + error.message); }',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'check.mjs'), script);
  const result = spawnSync(process.execPath, ['check.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('missing language data fails with the package to install, and never downloads', () => {
  const result = runWithout(['@tesseract.js-data/eng']);
  expect(result.status, result.output).toBe(0);
  expect(result.output).toContain('OcrUnavailableError: OCR needs the language data package "@tesseract.js-data/eng"');
  expect(result.output).toContain('npm install @tesseract.js-data/eng');
});

test('a missing OCR engine fails with the package to install', () => {
  const result = runWithout(['tesseract.js']);
  expect(result.status, result.output).toBe(0);
  expect(result.output).toContain('OcrUnavailableError: OCR needs the package "tesseract.js"');
});
