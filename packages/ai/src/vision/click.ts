import type { Page } from '@playwright/test';
import { decodePng, recognizeImage } from '../ocr/recognize.js';
import type { Box, OcrWord } from '../ocr/types.js';
import { normalizeText, similarity, unionBox } from './align.js';
import { analyze } from './analyze.js';
import { toLocator } from './locator.js';
import { resolveVisionSettings, VisionDisabledError } from './settings.js';
import type { VisionElement, VisionSettings } from './types.js';

/** Element types `vision_click` understands (the original's four, and a few more), by ARIA role. */
const ROLES_OF_TYPE: Record<string, readonly string[]> = {
  button: ['button'],
  link: ['link'],
  textfield: ['textbox', 'searchbox', 'combobox', 'spinbutton'],
  input: ['textbox', 'searchbox', 'combobox', 'spinbutton'],
  image: ['img'],
  checkbox: ['checkbox', 'switch'],
  radio: ['radio'],
  heading: ['heading'],
  tab: ['tab'],
  menuitem: ['menuitem', 'menuitemcheckbox', 'menuitemradio'],
};
export const VISION_CLICK_TYPES = [...Object.keys(ROLES_OF_TYPE), 'text'] as const;

/** Below this text similarity a DOM element or an OCR run is not what was asked for. */
const MIN_SIMILARITY = 0.8;

export interface VisionClickTarget {
  /** Visible text (a name, label, placeholder or content) of the element to click. */
  text?: string;
  /** Element type: button, link, textfield, image, checkbox, radio, heading, tab, menuitem or text. */
  type?: string;
}

export interface VisionClickResult {
  /** `dom`: matched in the element map and clicked through its locator; `ocr`: read in the screenshot. */
  via: 'dom' | 'ocr';
  /** How well the target matched (text similarity, times the OCR confidence for `ocr`). */
  confidence: number;
  /** Where the click landed, in viewport CSS pixels. */
  box: Box;
  element?: VisionElement;
  locatorCode?: string;
  words?: OcrWord[];
}

function ofType(element: VisionElement, type: string | undefined): boolean {
  if (!type || type === 'text') return true;
  if (type === 'image' && element.pixels) return true;
  return (ROLES_OF_TYPE[type] ?? []).includes(element.role ?? '');
}

function textScore(element: VisionElement, wanted: string): number {
  const scores = [element.name, element.text, element.label ?? '', element.placeholder ?? ''].map((candidate) => {
    const have = normalizeText(candidate);
    if (!have) return 0;
    if (have === wanted) return 1;
    if (have.includes(wanted)) return 0.85 * Math.max(MIN_SIMILARITY, wanted.length / have.length);
    return similarity(have, wanted) * 0.95;
  });
  return Math.max(...scores);
}

function domMatch(elements: VisionElement[], target: VisionClickTarget): { element: VisionElement; score: number } | undefined {
  const wanted = target.text === undefined ? undefined : normalizeText(target.text);
  const ranked = elements
    .filter((element) => element.visible && element.enabled && ofType(element, target.type))
    .map((element) => ({ element, score: wanted === undefined ? 1 : textScore(element, wanted) }))
    .filter(({ score }) => score >= MIN_SIMILARITY)
    // Best text first; then what can be clicked, what is on screen, and the innermost element.
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.element.interactive) - Number(a.element.interactive) ||
        Number(b.element.inViewport) - Number(a.element.inViewport) ||
        a.element.box.width * a.element.box.height - b.element.box.width * b.element.box.height,
    );
  return ranked[0];
}

/** The run of words on one line that reads most like `text`. */
export function ocrMatch(words: OcrWord[], text: string): { words: OcrWord[]; score: number } | undefined {
  const wanted = normalizeText(text);
  const count = text.trim().split(/\s+/).length;
  const lines: OcrWord[][] = [];
  for (const word of [...words].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)) {
    const line = lines.find((candidate) => {
      const last = candidate[candidate.length - 1]!;
      return Math.abs(last.box.y + last.box.height / 2 - (word.box.y + word.box.height / 2)) < Math.max(last.box.height, word.box.height) / 2;
    });
    if (line) line.push(word);
    else lines.push([word]);
  }
  let best: { words: OcrWord[]; score: number } | undefined;
  for (const line of lines) {
    line.sort((a, b) => a.box.x - b.box.x);
    for (let size = Math.max(1, count - 1); size <= count + 1; size++) {
      for (let start = 0; start + size <= line.length; start++) {
        const run = line.slice(start, start + size);
        const score = similarity(normalizeText(run.map((word) => word.text).join('')), wanted);
        if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { words: run, score };
      }
    }
  }
  return best;
}

function describeTarget(target: VisionClickTarget): string {
  return [target.text !== undefined ? `text "${target.text}"` : '', target.type ? `type ${target.type}` : ''].filter(Boolean).join(', ');
}

/**
 * Clicks an element by its visible text and/or type. The DOM comes first (the element map, clicked
 * through the element's locator, so Playwright's actionability checks apply); text that exists
 * only in pixels (a canvas, an image) is found by OCR in a screenshot and clicked at its centre.
 */
export async function visionClick(page: Page, target: VisionClickTarget, options: Partial<VisionSettings> = {}): Promise<VisionClickResult> {
  const settings = resolveVisionSettings(options);
  if (!settings.enabled) throw new VisionDisabledError('vision_click');
  if (target.type !== undefined && !(VISION_CLICK_TYPES as readonly string[]).includes(target.type)) {
    throw new TypeError(`vision_click: unknown element type "${target.type}"; expected one of ${VISION_CLICK_TYPES.join(', ')}`);
  }
  if ((target.text === undefined || !normalizeText(target.text)) && !target.type) {
    throw new TypeError('vision_click needs the visible text to click (parameters.text) or an element type (parameters.type), or both');
  }

  const { elements } = await analyze(page, { ...settings, ocr: false });
  const fromDom = domMatch(elements, target);
  if (fromDom && fromDom.score >= settings.confidenceThreshold) {
    await toLocator(page, fromDom.element.locator).click();
    // A click that navigates should leave the next step a loaded page, as `submit` does.
    await page.waitForLoadState();
    return { via: 'dom', confidence: fromDom.score, box: fromDom.element.box, element: fromDom.element, locatorCode: fromDom.element.locatorCode };
  }

  if (target.text === undefined) {
    throw new Error(`vision_click: no visible, enabled element of ${describeTarget(target)} on the page`);
  }
  const screenshot = decodePng(await page.screenshot({ type: 'png', scale: 'css' }));
  const words = await recognizeImage(screenshot, { workers: settings.workers });
  const fromPixels = ocrMatch(words, target.text);
  const confidence = fromPixels ? fromPixels.score * (fromPixels.words.reduce((sum, word) => sum + word.confidence, 0) / fromPixels.words.length) : 0;
  if (fromPixels && confidence >= settings.confidenceThreshold) {
    const box = unionBox(fromPixels.words.map((word) => word.box));
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForLoadState();
    return { via: 'ocr', confidence: Math.round(confidence * 100) / 100, box, words: fromPixels.words };
  }

  const seen = words.map((word) => word.text).join(' ');
  const near = fromPixels ? ` The closest on screen, "${fromPixels.words.map((word) => word.text).join(' ')}", has confidence ${confidence.toFixed(2)}, under confidence_threshold ${settings.confidenceThreshold}.` : '';
  throw new Error(
    `vision_click: nothing matches ${describeTarget(target)}: no ${target.type ? `visible, enabled ${target.type}` : 'visible, enabled element'} in the DOM has that text, and OCR did not read it on screen.${near}\n` +
      `OCR read: ${seen.length > 400 ? `${seen.slice(0, 400)}…` : seen || '(nothing)'}`,
  );
}
