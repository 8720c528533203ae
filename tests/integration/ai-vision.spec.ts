import { test, expect, type Page } from '@playwright/test';
import { analyze, toLocator, visionClick, visionReport, VisionDisabledError, type FindingKind, type VisionAnalysis } from '@panoptic/ai';
import { useDemoServer } from '../helpers/demo.js';
import { CANVAS_BUTTON_PAGE, CLEAN_PAGE, PROBLEMS_PAGE, useBrowser } from '../helpers/ai-pages.js';

const browser = useBrowser();
const demo = useDemoServer();

function elementByTestId(analysis: VisionAnalysis, testId: string): number {
  const found = analysis.elements.find((element) => element.testId === testId);
  if (!found) throw new Error(`no element with test id ${testId} in the map`);
  return found.id;
}

/** The kinds of finding that point at the element with this test id. */
function kindsAt(analysis: VisionAnalysis, testId: string): FindingKind[] {
  const id = elementByTestId(analysis, testId);
  return analysis.findings.filter((finding) => finding.elements.includes(id)).map((finding) => finding.kind).sort();
}

async function expectLocatorsResolve(page: Page, analysis: VisionAnalysis): Promise<void> {
  const wrong: string[] = [];
  for (const element of analysis.elements.filter((candidate) => candidate.visible)) {
    const locator = toLocator(page, element.locator);
    const count = await locator.count();
    const box = count === 1 ? await locator.boundingBox() : null;
    const same = box !== null && Math.abs(box.x - element.box.x) < 1 && Math.abs(box.y - element.box.y) < 1 && Math.abs(box.width - element.box.width) < 1;
    if (!same) wrong.push(`#${element.id} ${element.locatorCode}: ${count} match(es)`);
  }
  expect(wrong, 'locators that do not name exactly their element').toEqual([]);
}

test('a blank page has no elements and no findings, with OCR on', async () => {
  const page = await browser.page('<!doctype html><html><body></body></html>');
  const analysis = await analyze(page, { confidenceThreshold: 0 });
  expect(analysis.elements).toEqual([]);
  expect(analysis.ocr).toEqual([]);
  expect(analysis.findings).toEqual([]);
  expect(analysis.belowThreshold).toBe(0);
  await page.close();
});

test('a page built to be clean has no findings at any confidence', async () => {
  const page = await browser.page(CLEAN_PAGE);
  const analysis = await analyze(page, { confidenceThreshold: 0 });
  expect(analysis.findings, JSON.stringify(analysis.findings, null, 2)).toEqual([]);
  // The visually-hidden screen reader note and the hidden div are in the map, neither is a problem.
  expect(analysis.elements.find((element) => element.text === 'Hidden on purpose')?.visible).toBe(false);
  expect(analysis.elements.find((element) => element.text === 'Screen reader note')).toBeTruthy();
  await page.close();
});

test('an inline svg is one picture in the map: its text elements are text, its shapes and description are not elements', async () => {
  const page = await browser.page(`<!doctype html><body>
    <svg width="200" height="60" data-testid="chart"><desc>Quarterly sales</desc><g><rect x="0" y="0" width="80" height="40" fill="#ccc"></rect>
      <text x="10" y="30">Sales up</text><circle cx="150" cy="30" r="20"></circle></g></svg>
    <p>After the chart</p></body>`);
  const analysis = await analyze(page, { ocr: false });
  expect(analysis.elements.map(({ tag, text, pixels }) => ({ tag, text, pixels }))).toEqual([
    { tag: 'svg', text: 'Quarterly sales Sales up', pixels: true },
    { tag: 'text', text: 'Sales up', pixels: false },
    { tag: 'p', text: 'After the chart', pixels: false },
  ]);
  await page.close();
});

test('the element map gives role, name, label, text, test id, box, state and a locator per element', async () => {
  const page = await browser.page();
  await page.goto(`${demo.url}/login`);
  const analysis = await analyze(page, { ocr: false });
  const username = analysis.elements.find((element) => element.tag === 'input' && element.label === 'Username');
  expect(username).toMatchObject({ role: 'textbox', name: 'Username', visible: true, enabled: true, inViewport: true, interactive: true });
  const box = (await page.locator('#username').boundingBox())!;
  for (const key of ['x', 'y', 'width', 'height'] as const) expect(username!.box[key]).toBeCloseTo(box[key], 0);
  const signIn = analysis.elements.find((element) => element.role === 'button' && element.name === 'Sign in');
  expect(signIn?.locatorCode).toMatch(/^getBy(Role\('button', \{ name: 'Sign in' \}\)|TestId\('.+'\))$/);
  expect(analysis.elements.some((element) => element.role === 'heading' && element.name === 'Login')).toBe(true);
  expect(analysis.ocr).toBeUndefined();
  await page.close();
});

test('every demo page: each visible element\'s locator names exactly that element', async () => {
  const page = await browser.page();
  for (const route of ['/', '/login', '/form', '/image', '/missing-page']) {
    await page.goto(`${demo.url}${route}`);
    const analysis = await analyze(page, { ocr: false });
    expect(analysis.elements.length, route).toBeGreaterThan(5);
    await expectLocatorsResolve(page, analysis);
  }
  await page.close();
});

test('duplicated names get exact and nth, and the locators still resolve', async () => {
  const page = await browser.page(`<body>
    <button>Delete</button><button>Delete</button><button>Delete all</button>
    <a href="#a">More</a><a href="#b">More</a>
    <p>Same text</p><p>Same text</p>
    <label>Email <input></label><label>Email <input></label>
  </body>`);
  const analysis = await analyze(page, { ocr: false });
  const codes = analysis.elements.map((element) => element.locatorCode);
  expect(codes).toContain("getByRole('button', { name: 'Delete', exact: true }).nth(1)");
  expect(codes).toContain("getByRole('button', { name: 'Delete all' })");
  expect(codes).toContain("getByRole('link', { name: 'More', exact: true }).nth(0)");
  await expectLocatorsResolve(page, analysis);
  await page.close();
});

test('each problem is found on the element built to have it, and nowhere else', async () => {
  const page = await browser.page(PROBLEMS_PAGE);
  const analysis = await analyze(page);
  expect(kindsAt(analysis, 'clipped')).toEqual(['text-clipped']);
  expect(kindsAt(analysis, 'invisible')).toEqual(['text-not-rendered']);
  expect(kindsAt(analysis, 'covered')).toEqual(['text-not-rendered']);
  expect(kindsAt(analysis, 'over')).toEqual(['overlapping-interactive']);
  expect(kindsAt(analysis, 'under')).toEqual(['overlapping-interactive', 'text-not-rendered']);
  expect(kindsAt(analysis, 'tiny-1')).toEqual(['small-tap-target']);
  expect(kindsAt(analysis, 'tiny-2')).toEqual(['small-tap-target']);
  expect(kindsAt(analysis, 'faint')).toEqual(['low-contrast']);
  expect(kindsAt(analysis, 'no-alt')).toEqual(['image-missing-alt']);
  expect(kindsAt(analysis, 'broken')).toEqual(['broken-image']);
  expect(kindsAt(analysis, 'drawn')).toEqual(['text-only-in-pixels']);
  for (const clean of ['readable', 'with-alt', 'good-button']) expect(kindsAt(analysis, clean), clean).toEqual([]);

  const pixels = analysis.findings.find((finding) => finding.kind === 'text-only-in-pixels')!;
  expect(pixels.message).toContain('"Order today"');
  const contrast = analysis.findings.find((finding) => finding.kind === 'low-contrast')!;
  expect(contrast.evidence).toMatchObject({ required: 4.5, backgroundUncertain: false });
  expect(contrast.evidence.ratio).toBeCloseTo(2.32, 1);
  // The screenshot agrees with the DOM, so the finding is as sure as it gets.
  expect(contrast.evidence.measuredRatio as number).toBeLessThan(4.5);
  for (const finding of analysis.findings) {
    expect(finding.confidence).toBeGreaterThanOrEqual(0.5);
    expect(finding.confidence).toBeLessThanOrEqual(1);
  }
  await page.close();
});

test('containers read their text, name and clipping through their child elements, as the browser does', async () => {
  const words = Array.from({ length: 60 }, (_, i) => `<span>word${i}</span>`).join(' ');
  const page = await browser.page(`<body style="font-size:16px">
    <div data-testid="long">Intro ${words}</div>
    <div data-testid="cut" style="width:120px;overflow:hidden;white-space:nowrap">Start <b>of a sentence far too long <i>for its box</i></b></div>
    <div data-testid="fits" style="width:600px;overflow:hidden">Short <b>and <i>fine</i></b></div>
    <label for="mail">Email</label> <label>Work <input id="mail" data-testid="mail"></label>
  </body>`);
  const analysis = await analyze(page, { ocr: false });
  const element = (testId: string) => analysis.elements[elementByTestId(analysis, testId)]!;
  const fullText = await page.getByTestId('long').evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
  expect(fullText.length).toBeGreaterThan(200);
  expect(element('long').text).toBe(`${fullText.slice(0, 199)}…`);
  expect(element('long').name).toBe(element('long').text);
  expect(element('cut').text).toBe('Start of a sentence far too long for its box');
  // Its own words fit; the text of its children runs out of its box.
  expect(kindsAt(analysis, 'cut')).toEqual(['text-clipped']);
  expect(kindsAt(analysis, 'fits')).toEqual([]);
  expect(element('mail').label).toBe('Email Work');
  await page.close();
});

test('confidence_threshold leaves out the less sure findings and counts them', async () => {
  const page = await browser.page(PROBLEMS_PAGE);
  const all = await analyze(page, { confidenceThreshold: 0, ocr: false });
  const sure = await analyze(page, { confidenceThreshold: 0.9, ocr: false });
  expect(sure.findings.every((finding) => finding.confidence >= 0.9)).toBe(true);
  expect(sure.findings.length).toBeLessThan(all.findings.length);
  expect(sure.belowThreshold).toBe(all.findings.length - sure.findings.length);
  await page.close();
});

test('analyses of one page follow its changes and navigations, and leave nothing the page can see', async () => {
  const page = await browser.page('<body><button>First</button></body>');
  const globals = await page.evaluate(() => Object.getOwnPropertyNames(window).length);
  expect((await analyze(page, { ocr: false })).elements.map((element) => element.name)).toEqual(['First']);
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<a href="#x">Second</a>'));
  expect((await analyze(page, { ocr: false })).elements.map((element) => element.name)).toEqual(['First', 'Second']);
  expect(await page.evaluate(() => Object.getOwnPropertyNames(window).length)).toBe(globals);
  // A navigation discards the document the collector lived in: the next analysis reads the new one.
  await page.goto(`${demo.url}/login`);
  const login = await analyze(page, { ocr: false });
  expect(login.url).toContain('/login');
  expect(login.elements.some((element) => element.name === 'First')).toBe(false);
  expect(login.elements.filter((element) => element.role === 'button').length).toBeGreaterThan(0);
  await page.close();
});

test('max_elements_to_analyze caps the map, visible elements first', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => `<button>Visible ${i}</button>`).join('') + Array.from({ length: 30 }, (_, i) => `<button hidden>Hidden ${i}</button>`).join('');
  const page = await browser.page(`<body>${rows}</body>`);
  const capped = await analyze(page, { ocr: false, maxElements: 40 });
  expect(capped.elements).toHaveLength(40);
  expect(capped.omittedElements).toBe(20);
  expect(capped.elements.filter((element) => element.visible)).toHaveLength(30);
  expect((await analyze(page, { ocr: false })).elements).toHaveLength(60);
  await page.close();
});

// The collector reads a leaf's text whole and looks for aria-disabled ancestors only on pages that
// have one (see in-page/text.ts and element-facts.ts): both shortcuts must answer as the full reads.
test('a leaf element\'s text is all its text nodes, and aria-disabled="true" disables what it holds', async () => {
  const page = await browser.page(`<body><span data-testid="split">Split<!-- a comment --> text</span>
    <p data-testid="blank">   </p>
    <div aria-disabled="true"><button data-testid="inside">Inside</button></div><button data-testid="outside">Outside</button></body>`);
  const { elements } = await analyze(page, { ocr: false });
  const byTestId = (testId: string) => elements.find((element) => element.testId === testId);
  expect(byTestId('split')).toMatchObject({ text: 'Split text', name: 'Split text' });
  expect(byTestId('blank')).toBeUndefined();
  expect(byTestId('inside')?.enabled).toBe(false);
  expect(byTestId('outside')?.enabled).toBe(true);
  await page.close();
});

test('enable_vision_analysis false turns analysis and vision_click off with a clear error', async () => {
  const page = await browser.page(CLEAN_PAGE);
  await expect(analyze(page, { enabled: false })).rejects.toThrow(VisionDisabledError);
  await expect(visionClick(page, { text: 'Cancel' }, { enabled: false })).rejects.toThrow(
    'vision_click is turned off by settings.ai_testing.enable_vision_analysis: false',
  );
  await expect(analyze(page, { maxElements: 0 })).rejects.toThrow('maxElements (max_elements_to_analyze) must be a positive integer; got 0');
  await page.close();
});

test('vision_click finds a DOM button by text and type through its locator', async () => {
  const page = await browser.page(`<body><p id="out">none</p>
    <a href="#x" onclick="out.textContent='link'">Continue</a>
    <button onclick="out.textContent='button'">Continue</button></body>`);
  const result = await visionClick(page, { text: 'continue', type: 'button' });
  expect(result.via).toBe('dom');
  expect(result.locatorCode).toBe("getByRole('button', { name: 'Continue' })");
  await expect(page.locator('#out')).toHaveText('button');
  await page.close();
});

test('vision_click falls back to OCR for a button drawn on a canvas', async () => {
  const page = await browser.page(CANVAS_BUTTON_PAGE);
  const result = await visionClick(page, { text: 'Buy now', type: 'button' });
  expect(result.via).toBe('ocr');
  expect(result.words?.map((word) => word.text)).toEqual(['Buy', 'now']);
  // The canvas's own click handler saw a click inside the drawn button.
  await expect(page.locator('#status')).toHaveText(/^Bought at \d+,\d+$/);
  await page.close();
});

test('vision_click says what it saw when nothing matches', async () => {
  const page = await browser.page(CANVAS_BUTTON_PAGE);
  const error = await visionClick(page, { text: 'Cancel order' }).catch((caught: Error) => caught);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toContain('vision_click: nothing matches text "Cancel order"');
  expect((error as Error).message).toMatch(/OCR read: .*Checkout.*Buy now/);
  await expect(visionClick(page, { type: 'slider' })).rejects.toThrow('unknown element type "slider"; expected one of button, link, textfield');
  await page.close();
});

test('vision_report gives the analysis and a screenshot with the boxes drawn, and leaves the page as it was', async () => {
  const page = await browser.page(PROBLEMS_PAGE);
  const before = await page.screenshot();
  const report = await visionReport(page);
  expect(report.analysis.findings.length).toBeGreaterThan(5);
  expect(report.annotated.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(report.annotated.equals(before)).toBe(false);
  // The overlay is gone once the screenshot is taken.
  expect((await page.screenshot()).equals(before)).toBe(true);
  await page.close();
});
