import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { CANVAS_BUTTON_PAGE, PROBLEMS_PAGE } from '../helpers/ai-pages.js';
import { runPlaywright, testOf, writeProject, type FlatTest, type InlineRun } from '../helpers/inline.js';

// One run of a project with three suites and a spec: the vision actions, their settings, and the
// `ai` fixture, each checked on what the run attached and printed.
test.describe.configure({ mode: 'default' });

const demo = useDemoServer();
let run: InlineRun;

function attachment(result: FlatTest, name: string): { path: string; contentType: string } {
  const found = result.attachments.find((a) => a.name === name);
  if (!found?.path) throw new Error(`no attachment ${name}; have ${result.attachments.map((a) => a.name).join(', ')}`);
  return { path: found.path, contentType: found.contentType };
}

function json<T = Record<string, unknown>>(result: FlatTest, name: string): T {
  return JSON.parse(fs.readFileSync(attachment(result, name).path, 'utf8')) as T;
}

const SPEC = `
import { test, expect } from '@panoptic/fixtures';

test.use({ panopticAiTesting: { confidence_threshold: 0.6, max_elements_to_analyze: 50 } });

test('the ai fixture clicks a canvas button by OCR and reports', async ({ page, ai }) => {
  await page.setContent(${JSON.stringify(CANVAS_BUTTON_PAGE)});
  const clicked = await ai.visionClick({ text: 'Buy now' });
  expect(clicked.via).toBe('ocr');
  await expect(page.locator('#status')).toHaveText(/^Bought at/);
  const analysis = await ai.analyze();
  expect(analysis.settings).toMatchObject({ confidenceThreshold: 0.6, maxElements: 50 });
  const words = await ai.recognizeText(await page.screenshot());
  expect(words.map((word) => word.text)).toContain('Checkout');
  const report = await ai.report('fixture-report');
  expect(report.files).toEqual({ json: 'fixture-report.json', png: 'fixture-report.png' });
});
`;

test.beforeAll(async () => {
  test.setTimeout(420_000);
  const dir = writeProject({
    'canvas.html': CANVAS_BUTTON_PAGE,
    'problems.html': PROBLEMS_PAGE,
    'specs/ai.spec.ts': SPEC,
  });
  const page = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const suites = {
    'vision.yaml': {
      name: 'Vision',
      apps: [
        {
          name: 'canvas',
          type: 'web',
          url: page('canvas.html'),
          actions: [
            { name: 'buy', type: 'vision_click', parameters: { text: 'Buy now', type: 'button' } },
            { name: 'after', type: 'vision_report', parameters: { filename: 'after-click' } },
          ],
        },
        {
          name: 'enhanced',
          type: 'web',
          url: `${demo.url}/login`,
          actions: [
            { name: 'user', type: 'fill', selector: '#username', value: 'demo' },
            { name: 'password', type: 'fill', selector: '#password', value: 'secret' },
            { name: 'sign in', type: 'submit' },
            { name: 'broken page', type: 'navigate', url: `${demo.url}/error` },
            { name: 'checks', type: 'ai_enhanced_testing', parameters: { output: 'enhanced.json' } },
          ],
        },
      ],
      settings: { allow_file_urls: true },
    },
    'tuned.yaml': {
      name: 'Tuned',
      apps: [{ name: 'tuned', type: 'web', url: page('problems.html'), actions: [{ name: 'report', type: 'vision_report' }] }],
      settings: { allow_file_urls: true, ai_testing: { confidence_threshold: 0.9, max_elements_to_analyze: 5, parallel_workers: 2 } },
    },
    'off.yaml': {
      name: 'Off',
      apps: [
        {
          name: 'vision-off',
          type: 'web',
          url: page('canvas.html'),
          actions: [
            { name: 'checks', type: 'ai_enhanced_testing' },
            { name: 'buy', type: 'vision_click', parameters: { text: 'Buy now' } },
          ],
        },
      ],
      settings: { allow_file_urls: true, ai_testing: { enable_vision_analysis: false } },
    },
  };
  for (const [file, suite] of Object.entries(suites)) fs.writeFileSync(path.join(dir, file), JSON.stringify(suite));
  fs.writeFileSync(
    path.join(dir, 'playwright.config.ts'),
    [
      "import { defineConfig } from '@playwright/test';",
      "import { chromiumLaunchOptions, fromSuites } from '@panoptic/fixtures/config';",
      `const suites = fromSuites(${JSON.stringify(Object.keys(suites))});`,
      // Each vision action reads a screenshot with OCR: on a busy machine that is seconds per action.
      "export default defineConfig({ ...suites, workers: 2, timeout: 180_000, projects: [...suites.projects, { name: 'specs', testDir: 'specs', use: { ...chromiumLaunchOptions(), viewport: { width: 1280, height: 800 } } }] });",
      '',
    ].join('\n'),
  );
  run = await runPlaywright(dir);
  expect(run.report, run.output).toBeDefined();
});

test('vision_click clicks a canvas-drawn button through OCR; vision_report attaches JSON and an annotated screenshot', () => {
  const result = testOf(run.report, 'canvas');
  expect(result.status, result.errors.join('\n')).toBe('passed');
  expect(result.stdout).toMatch(/vision_click "buy": clicked the on-screen text "Buy now" via OCR at \d+,\d+ \(confidence 0\.\d\d\)/);
  const report = json<{ elements: { text: string }[]; findings: { kind: string }[] }>(result, 'after-click.json');
  // The page's own handler ran: the click landed inside the drawn button.
  expect(report.elements.map((element) => element.text)).toContainEqual(expect.stringMatching(/^Bought at \d+,\d+$/));
  expect(report.findings.map((finding) => finding.kind)).toContain('text-only-in-pixels');
  const png = attachment(result, 'after-click.png');
  expect(png.contentType).toBe('image/png');
  expect(fs.readFileSync(png.path).subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('ai_enhanced_testing replays the actions with a vision analysis and the page errors of each step', () => {
  const result = testOf(run.report, 'enhanced');
  expect(result.status, result.errors.join('\n')).toBe('passed');
  const report = json<{ vision: string; steps: { name: string; status: string; errors: { source: string; message: string }[]; findings: unknown[]; screenshot?: string }[] }>(result, 'enhanced.json');
  expect(report.vision).toBe('on');
  expect(report.steps.map((step) => [step.name, step.status])).toEqual([
    [`open ${demo.url}/login`, 'passed'],
    ['user', 'passed'],
    ['password', 'passed'],
    ['sign in', 'passed'],
    ['broken page', 'passed'],
  ]);
  const broken = report.steps.find((step) => step.name === 'broken page')!;
  expect(broken.errors).toContainEqual(expect.objectContaining({ source: 'page', message: expect.stringContaining('Demo failure: widget exploded') }));
  expect(report.steps.find((step) => step.name === 'user')!.errors).toEqual([]);
  for (const step of report.steps) {
    expect(step.screenshot, step.name).toBeTruthy();
    expect(attachment(result, step.screenshot!).contentType).toBe('image/png');
  }
  expect(result.steps).toContain('checks');
});

test('confidence_threshold, max_elements_to_analyze and parallel_workers reach the analysis', () => {
  const result = testOf(run.report, 'tuned');
  expect(result.status, result.errors.join('\n')).toBe('passed');
  const report = json<{ settings: unknown; elements: unknown[]; omittedElements: number; findings: { confidence: number }[]; belowThreshold: number; ocrWorkers: number }>(result, 'report.json');
  expect(report.settings).toEqual({ enabled: true, maxElements: 5, confidenceThreshold: 0.9, workers: 2 });
  expect(report.elements).toHaveLength(5);
  expect(report.omittedElements).toBeGreaterThan(0);
  expect(report.findings.every((finding) => finding.confidence >= 0.9)).toBe(true);
  expect(report.ocrWorkers).toBeGreaterThanOrEqual(2);
});

test('enable_vision_analysis false: enhanced testing runs without vision, and vision_click fails saying why', () => {
  const result = testOf(run.report, 'vision-off');
  expect(result.status).toBe('failed');
  expect(result.errors.join('\n')).toContain('vision_click is turned off by settings.ai_testing.enable_vision_analysis: false');
  const report = json<{ vision: string; steps: { screenshot?: string; findings: unknown[] }[] }>(result, 'ai-enhanced-report.json');
  expect(report.vision).toBe('off (settings.ai_testing.enable_vision_analysis: false)');
  expect(report.steps.every((step) => step.screenshot === undefined && step.findings.length === 0)).toBe(true);
});

test('the ai fixture is typed, bound to the page and the panopticAiTesting option, and attaches its reports', () => {
  const result = testOf(run.report, 'specs');
  expect(result.status, result.errors.join('\n')).toBe('passed');
  expect(attachment(result, 'fixture-report.json').contentType).toBe('application/json');
  expect(attachment(result, 'fixture-report.png').contentType).toBe('image/png');
});
