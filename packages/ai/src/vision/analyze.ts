import type { Page } from '@playwright/test';
import { ocrPool } from '../ocr/engine.js';
import { decodePng, recognizeImage, type RgbaImage } from '../ocr/recognize.js';
import { alignWords, textHolds, type AlignedWord } from './align.js';
import { collectInPage } from './collector.js';
import type { RawDom, RawElement } from './dom-transfer.js';
import { findingsFrom } from './findings.js';
import { locatorCode, locatorsFor } from './locator.js';
import { readDom } from './read-dom.js';
import { resolveVisionSettings, VisionDisabledError } from './settings.js';
import type { AnalyzeOptions, VisionAnalysis, VisionElement } from './types.js';

/**
 * Runs in the page: the text the DOM shows at each point (rendered text, pseudo-elements, form
 * values) of the element there and its parent, which holds text that runs between inline children.
 */
function domTextAt(points: [number, number][]): string[] {
  const pseudo = (el: Element, which: '::before' | '::after') => {
    const content = getComputedStyle(el, which).content;
    return content && content !== 'none' && content !== 'normal' ? content.replace(/^["']|["']$/g, '') : '';
  };
  return points.map(([x, y]) => {
    const parts: string[] = [];
    let el = document.elementFromPoint(x, y);
    for (let depth = 0; el && depth < 2 && el !== document.body; depth++, el = el.parentElement) {
      parts.push(el instanceof HTMLElement ? el.innerText : (el.textContent ?? ''), pseudo(el, '::before'), pseudo(el, '::after'));
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value, el.placeholder);
      if (el instanceof HTMLSelectElement) parts.push(el.selectedOptions[0]?.textContent ?? '');
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('alt') ?? '', el.getAttribute('title') ?? '');
    }
    return parts.join(' ');
  });
}

/**
 * Words OCR read that no mapped element holds may still be DOM text: in an element the map left
 * out, a pseudo-element's content, or a control's value. Asks the page what is at each such word.
 */
async function confirmWithPage(page: Page, words: AlignedWord[]): Promise<AlignedWord[]> {
  const loose = words.filter((word) => !word.inDom);
  if (!loose.length) return words;
  const texts = await page.evaluate(domTextAt, loose.map((word) => [word.box.x + word.box.width / 2, word.box.y + word.box.height / 2] as [number, number]));
  const confirmed = new Set(loose.filter((word, i) => textHolds(texts[i] ?? '', word.text)));
  return words.map((word) => (confirmed.has(word) ? { ...word, inDom: true } : word));
}

function toElements(raw: RawElement[], words: AlignedWord[] | undefined, viewport: RawDom['viewport']): VisionElement[] {
  const locators = locatorsFor(raw);
  // Each element's words in reading order, gathered in one pass over the words.
  const wordsOf = new Map<number, AlignedWord[]>();
  for (const word of words ?? []) {
    if (word.element === undefined) continue;
    const own = wordsOf.get(word.element);
    if (own) own.push(word);
    else wordsOf.set(word.element, [word]);
  }
  return raw.map((element, id) => {
    const own = wordsOf.get(id);
    // By index: destructuring allocates an iterator per element wherever V8 does not optimize it away.
    const { box } = element;
    const x = box[0];
    const y = box[1];
    const width = box[2];
    const height = box[3];
    const mapped: VisionElement = {
      id,
      tag: element.tag,
      name: element.name,
      text: element.text,
      box: { x, y, width, height },
      visible: element.visible,
      enabled: element.enabled,
      inViewport: element.visible && x < viewport.width && y < viewport.height && x + width > 0 && y + height > 0,
      interactive: element.interactive,
      pixels: element.pixels,
      locator: locators[id]!,
      locatorCode: locatorCode(locators[id]!),
    };
    if (element.role) mapped.role = element.role;
    if (element.label) mapped.label = element.label;
    if (element.testId) mapped.testId = element.testId;
    if (element.placeholder) mapped.placeholder = element.placeholder;
    if (own?.length) mapped.ocrText = own.map((word) => word.text).join(' ');
    return mapped;
  });
}

/**
 * Analyses what the page shows: an element map from the live DOM (role, name, label, text, test id,
 * box, state and a locator for each), OCR of a viewport screenshot aligned to those elements, and
 * findings (clipped or unseen text, overlapping controls, small targets, low contrast, images
 * without alt text or that failed to load, text only in pixels) with a confidence each.
 */
export async function analyze(page: Page, options: AnalyzeOptions = {}): Promise<VisionAnalysis> {
  const settings = resolveVisionSettings(options);
  if (!settings.enabled) throw new VisionDisabledError('Vision analysis');
  const started = performance.now();
  const dom = readDom(await collectInPage(page, { maxElements: settings.maxElements, measured: options.ocr !== false }));
  const domMs = performance.now() - started;

  let words: AlignedWord[] | undefined;
  let screenshot: RgbaImage | undefined;
  let ocrMs: number | undefined;
  if (options.ocr !== false) {
    const ocrStarted = performance.now();
    screenshot = decodePng(options.screenshot ?? (await page.screenshot({ type: 'png', scale: 'css' })));
    const read = await recognizeImage(screenshot, { workers: settings.workers });
    words = await confirmWithPage(page, alignWords(read, dom.elements));
    ocrMs = performance.now() - ocrStarted;
  }

  const { findings, belowThreshold } = findingsFrom({ dom, words, screenshot }, settings.confidenceThreshold);
  const elements = toElements(dom.elements, words, dom.viewport);
  const analysis: VisionAnalysis = {
    url: dom.url,
    viewport: dom.viewport,
    scroll: dom.scroll,
    elements,
    omittedElements: dom.omitted,
    findings,
    belowThreshold,
    settings,
    timings: { domMs: Math.round(domMs), totalMs: Math.round(performance.now() - started) },
  };
  if (words) {
    analysis.ocr = words.map(({ inDom: _inDom, ...word }) => word);
    analysis.ocrWorkers = (await ocrPool(settings.workers)).workers;
    analysis.timings.ocrMs = Math.round(ocrMs!);
  }
  return analysis;
}
