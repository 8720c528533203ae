import { test, expect } from '@playwright/test';
import { CATEGORIES, classify, normalizeMessage, parseAriaSnapshot } from '@panoptic/ai/classify';
// The rule decision and the calibration table are internal: these tests check them directly.
import { calibrationKey, decide } from '../../../packages/ai/dist/classify/classify.js';
import { CALIBRATION } from '../../../packages/ai/dist/classify/calibration.js';
import { readCorpus, splitCorpus } from '../../../packages/ai/scripts/corpus-split.mjs';

// The corpus is real Playwright output (packages/ai/scripts/corpus.mjs runs failing tests to make it);
// labels come from what each test provoked. The confidences are fitted on its training split only.

interface CorpusEntry {
  id: string;
  category: string;
  provoked: string;
  message: string;
  snapshot?: string;
  heal?: { role: string; name: string };
}

const corpus = readCorpus() as CorpusEntry[];
const { train, heldOut } = splitCorpus(corpus);

function accuracy(entries: CorpusEntry[]): number {
  return entries.filter((entry) => classify(entry.message).category === entry.category).length / entries.length;
}

test('the corpus covers every category with real Playwright messages', () => {
  expect(corpus.length).toBeGreaterThan(250);
  const counts = new Map<string, number>();
  for (const entry of corpus) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
  for (const category of CATEGORIES.filter((c) => c !== 'unknown')) {
    expect(counts.get(category) ?? 0, `examples of ${category}`).toBeGreaterThanOrEqual(10);
  }
  expect([...counts.keys()].every((category) => (CATEGORIES as readonly string[]).includes(category))).toBe(true);
  expect(heldOut.length).toBeGreaterThan(60);
  // Real output carries Playwright's call logs and code frames, which hand-written strings rarely do.
  expect(corpus.filter((entry) => entry.message.includes('Call log:')).length).toBeGreaterThan(100);
  expect(corpus.some((entry) => /\/tmp\/|\/work\/|\/root\//.test(entry.message))).toBe(false);
});

test('top-1 accuracy is at least 90% on the held-out split and on the whole corpus', () => {
  const heldOutAccuracy = accuracy(heldOut);
  const overall = accuracy(corpus);
  test.info().annotations.push({ type: 'accuracy', description: `held-out ${(heldOutAccuracy * 100).toFixed(1)}% of ${heldOut.length}; all ${(overall * 100).toFixed(1)}% of ${corpus.length}` });
  const wrong = heldOut.filter((entry) => classify(entry.message).category !== entry.category).map((entry) => `${entry.id}: ${entry.category} classified as ${classify(entry.message).category}`);
  expect(heldOutAccuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
  expect(overall).toBeGreaterThanOrEqual(0.9);
});

test('confidence matches accuracy on the held-out split, bucket by bucket', () => {
  const buckets = [
    [0, 0.6],
    [0.6, 0.8],
    [0.8, 0.9],
    [0.9, 0.95],
    [0.95, 1.01],
  ] as const;
  let weightedGap = 0;
  const report: string[] = [];
  for (const [low, high] of buckets) {
    const members = heldOut.map((entry) => ({ entry, result: classify(entry.message) })).filter(({ result }) => result.confidence >= low && result.confidence < high);
    if (!members.length) continue;
    const meanConfidence = members.reduce((sum, { result }) => sum + result.confidence, 0) / members.length;
    const hits = members.filter(({ entry, result }) => result.category === entry.category).length / members.length;
    // Two binomial standard errors of the bucket's accuracy, plus a little slack for tiny buckets.
    const tolerance = 2 * Math.sqrt((meanConfidence * (1 - meanConfidence)) / members.length) + 0.05;
    report.push(`[${low}, ${high}): n=${members.length} confidence ${meanConfidence.toFixed(3)} accuracy ${hits.toFixed(3)}`);
    expect(Math.abs(hits - meanConfidence), report.join('\n')).toBeLessThanOrEqual(tolerance);
    weightedGap += (members.length / heldOut.length) * Math.abs(hits - meanConfidence);
  }
  report.push(`expected calibration error ${weightedGap.toFixed(3)}`);
  test.info().annotations.push({ type: 'calibration', description: report.join('; ') });
  expect(weightedGap, report.join('\n')).toBeLessThanOrEqual(0.08);
});

test('the calibration table is the one the training split gives (regenerate with npm run calibrate -w @panoptic/ai)', () => {
  const stats = new Map<string, [number, number]>();
  const count = (key: string, correct: boolean) => {
    const [c, n] = stats.get(key) ?? [0, 0];
    stats.set(key, [c + (correct ? 1 : 0), n + 1]);
  };
  for (const entry of train) {
    const { category, rule, runnerUp } = decide(entry.message);
    count(rule, category === entry.category);
    if (runnerUp) count(calibrationKey(rule, runnerUp), category === entry.category);
  }
  expect(Object.fromEntries([...stats].map(([key, value]) => [key, [...value]]))).toEqual(Object.fromEntries(Object.entries(CALIBRATION).map(([key, value]) => [key, [...value]])));
});

test('healing hints point at the element the failing locator meant', () => {
  const labelled = corpus.filter((entry) => entry.heal && entry.snapshot);
  expect(labelled.length).toBeGreaterThan(30);
  const misses = labelled
    .map((entry) => ({ entry, hint: classify(entry.message, { snapshot: entry.snapshot! }).hint }))
    .filter(({ entry, hint }) => hint?.role !== entry.heal!.role || hint?.name !== entry.heal!.name)
    .map(({ entry, hint }) => `${entry.id}: wanted ${entry.heal!.role} "${entry.heal!.name}", got ${hint ? `${hint.role} "${hint.name}"` : 'no hint'}`);
  test.info().annotations.push({ type: 'healing', description: `${labelled.length - misses.length} of ${labelled.length} hints right` });
  expect(misses.length / labelled.length, misses.join('\n')).toBeLessThanOrEqual(0.1);
  const sample = classify(labelled[0]!.message, { snapshot: labelled[0]!.snapshot! });
  expect(sample.hint?.locator).toMatch(/^page\.getBy(Role|Text)\(/);
  expect(sample.suggestion).toContain(sample.hint!.locator);
});

test('without a sensible candidate there is no hint, and other categories never get one', () => {
  const snapshot = '- heading "Orders" [level=1]\n- table:\n  - row "Total 42"';
  expect(classify("TimeoutError: locator.click: Timeout 300ms exceeded.\nCall log:\n  - waiting for getByRole('checkbox', { name: 'Accept cookies' })", { snapshot }).hint).toBeUndefined();
  expect(classify('Error: expect(received).toBe(expected)\n\nExpected: 1\nReceived: 2', { snapshot }).hint).toBeUndefined();
});

test('colours, code frames and stack lines are not evidence', () => {
  const message = [
    '\u001b[31mTest timeout of 800ms exceeded.\u001b[39m',
    '',
    "Error: locator.click: Test timeout of 800ms exceeded.\nCall log:\n\u001b[2m  - waiting for locator('#nope')\u001b[22m",
    '',
    "   8 |   await page.goto('http://127.0.0.1:9/'); // net::ERR_CONNECTION_REFUSED",
    "> 9 |   await page.locator('#nope').click({ timeout: 0 });",
    '    |                               ^',
    '    at /home/user/project/specs/a.spec.ts:9:31',
  ].join('\n');
  expect(normalizeMessage(message)).not.toMatch(/ERR_CONNECTION_REFUSED|spec\.ts|\u001b/);
  const result = classify(message);
  expect(result.category).toBe('locator-not-found');
  expect(result.evidence[0]).toBe("- waiting for locator('#nope')");
  expect(result.summary).toContain("waiting for locator('#nope')");
});

test('most specific cause first: a launch failure that mentions a closed browser is the environment', () => {
  const launch = "Error: browserType.launch: Target page, context or browser has been closed\nBrowser logs:\n\n<launching> /bin/false --headless\n<launched> pid=1";
  expect(classify(launch).category).toBe('environment');
  expect(classify('Error: page.click: Target page, context or browser has been closed').category).toBe('page-closed');
  expect(classify('Test timeout of 500ms exceeded.').category).toBe('test-timeout');
});

test('classify takes a message, an Error, a Playwright TestError or all errors of a test', () => {
  const timeout = { message: 'Test timeout of 500ms exceeded.' };
  const waiting = { message: "Error: locator.fill: Test timeout of 500ms exceeded.\nCall log:\n  - waiting for getByLabel('Email')" };
  expect(classify([timeout, waiting]).category).toBe('locator-not-found');
  expect(classify(new TypeError("Cannot read properties of undefined (reading 'name')")).category).toBe('script-error');
  const nothing = classify('');
  expect(nothing.category).toBe('unknown');
  expect(nothing.confidence).toBeLessThan(0.6);
  for (const entry of corpus.slice(0, 20)) {
    const result = classify(entry.message);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.suggestion.length).toBeGreaterThan(20);
    expect(result.evidence.length).toBeGreaterThan(0);
  }
});

test('aria snapshots parse into roles and names, quoted entries included', () => {
  const yaml = [
    '- generic [active] [ref=e1]:',
    '  - heading "Account" [level=1] [ref=e2]',
    '  - link "Pricing" [ref=e3] [cursor=pointer]:',
    '    - /url: "#pricing"',
    '  - text: Email',
    '  - textbox "Email" [ref=e4]',
    '  - paragraph [ref=e5]: Welcome, Ada',
    `  - 'button "Save: draft" [ref=e6]'`,
    '  - checkbox "Say \\"hi\\"" [checked]',
  ].join('\n');
  expect(parseAriaSnapshot(yaml)).toEqual([
    { role: 'heading', name: 'Account' },
    { role: 'link', name: 'Pricing' },
    { role: 'text', name: 'Email' },
    { role: 'textbox', name: 'Email' },
    { role: 'paragraph', name: '', text: 'Welcome, Ada' },
    { role: 'button', name: 'Save: draft' },
    { role: 'checkbox', name: 'Say "hi"' },
  ]);
});
