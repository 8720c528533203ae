import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Page } from '@playwright/test';
import type { VisionAnalysis, VisionReport } from '@panoptic/ai';
import { DEFAULT_OUTPUT_DIR } from '@panoptic/model/output-folder';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { plural } from '../format.js';
import { positiveNumber, wholeNumber } from '../options/numbers.js';
import { mediaCommand } from './media-command.js';

export interface VisionFlags {
  report?: string;
  size: string;
  confidence?: string;
  workers: string;
}

const EXAMPLES = `
Examples:
  $ panoptic vision http://localhost:3000/checkout
  $ panoptic vision screenshot.png --report vision-out
  $ panoptic vision http://localhost:3000/ --size 390x844 --confidence 0.8

Writes <report>/analysis.json (elements, OCR words, findings) and <report>/annotated.png (elements
boxed and labelled, findings in red). A screenshot has no DOM: its text comes from OCR alone.`;

const DEFAULT_REPORT_DIR = path.join(DEFAULT_OUTPUT_DIR, 'vision');

/** Shows an image at its own size on a blank page, so the page analysis sees exactly its pixels. */
async function showImage(page: Page, file: string): Promise<void> {
  const url = `data:image/${path.extname(file).slice(1).toLowerCase() || 'png'};base64,${fs.readFileSync(file).toString('base64')}`;
  await page.setContent(`<body style="margin:0"><img alt="" style="display:block" src="${url}"></body>`);
  const size = await page.locator('img').evaluate((img: HTMLImageElement) => img.decode().then(() => ({ width: img.naturalWidth, height: img.naturalHeight })));
  if (!size.width || !size.height) throw new CommandError([`${file}: the browser could not show it as an image`]);
  await page.setViewportSize(size);
}

async function analyse(source: string, flags: VisionFlags, cwd: string): Promise<VisionReport> {
  const isUrl = /^(https?|file):/.test(source);
  const file = path.resolve(cwd, source);
  if (!isUrl && !fs.existsSync(file)) throw new CommandError([`${source}: neither an http(s) or file URL nor an image file that exists`]);
  const match = /^(\d+)x(\d+)$/.exec(flags.size);
  if (!match) throw new CommandError([`--size ${JSON.stringify(flags.size)}: expected WIDTHxHEIGHT, e.g. 1280x720`]);
  const confidence = flags.confidence !== undefined ? positiveNumber(flags.confidence, '--confidence') : undefined;
  const workers = wholeNumber(flags.workers, '--workers', 1);
  const { chromium } = await import('@playwright/test');
  const { chromiumLaunchOptions } = await import('@panoptic/fixtures/config');
  const { visionReport, closeOcr } = await import('@panoptic/ai');
  const browser = await chromium.launch(chromiumLaunchOptions(cwd).launchOptions ?? {});
  try {
    const page = await browser.newPage({ viewport: { width: Number(match[1]), height: Number(match[2]) }, deviceScaleFactor: 1 });
    if (isUrl) await page.goto(source);
    else await showImage(page, file);
    return await visionReport(page, { workers, ...(confidence !== undefined ? { confidenceThreshold: confidence } : {}) });
  } finally {
    await browser.close();
    await closeOcr();
  }
}

function summary(analysis: VisionAnalysis): string[] {
  const interactive = analysis.elements.filter((element) => element.interactive).length;
  const lines = [
    `${plural(analysis.elements.length, 'element')} (${interactive} interactive), ${plural(analysis.ocr?.length ?? 0, 'word')} read by OCR, ${plural(analysis.findings.length, 'finding')}`,
  ];
  for (const finding of analysis.findings) lines.push(`  ${finding.kind} ${finding.confidence.toFixed(2)}: ${finding.message}`);
  return lines;
}

/** `panoptic vision <url | image>`: the vision analysis of a page or a screenshot, as JSON and an annotated PNG. */
export async function visionCommand(source: string, flags: VisionFlags, io: CommandIo = {}): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? process.stdout;
  return mediaCommand(io, async () => {
    const { analysis, annotated } = await analyse(source, flags, cwd);
    const dir = path.resolve(cwd, flags.report ?? DEFAULT_REPORT_DIR);
    fs.mkdirSync(dir, { recursive: true });
    const json = path.join(dir, 'analysis.json');
    const png = path.join(dir, 'annotated.png');
    fs.writeFileSync(json, `${JSON.stringify({ source, ...analysis }, null, 2)}\n`);
    fs.writeFileSync(png, annotated);
    for (const line of summary(analysis)) stdout.write(`${line}\n`);
    stdout.write(`  analysis: ${path.relative(cwd, json)}\n  annotated: ${path.relative(cwd, png)}\n`);
    return 0;
  });
}

export function addVisionCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('vision')
    .description('analyse a page or a screenshot: elements, OCR text and findings, as JSON and an annotated PNG')
    .argument('<source>', 'an http(s) or file URL, or an image file (PNG, JPEG, WebP)')
    .option('--report <dir>', `folder for analysis.json and annotated.png (default ${DEFAULT_REPORT_DIR})`)
    .option('--size <WxH>', 'viewport of a page (an image is shown at its own size)', '1280x720')
    .option('--confidence <0..1>', 'leave out findings less sure than this (default 0.5)')
    .option('--workers <n>', 'OCR workers', '2')
    .addHelpText('after', EXAMPLES)
    .action(async (source: string, flags: VisionFlags) => setExitCode(await visionCommand(source, flags)));
}
