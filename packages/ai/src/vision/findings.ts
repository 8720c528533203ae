import type { RgbaImage } from '../ocr/recognize.js';
import type { Box } from '../ocr/types.js';
import { groupLines, textHolds, unionBox, type AlignedWord } from './align.js';
import { composite, contrastRatio, requiredRatio } from './contrast.js';
import type { RawDom, RawElement } from './dom-transfer.js';
import { measuredContrast } from './pixels.js';
import type { Finding } from './types.js';

/** WCAG 2.5.8 (AA): a pointer target is at least 24 by 24 CSS pixels, or spaced as if it were. */
const MIN_TARGET = 24;
/** Below this ratio text is effectively the colour of its background: not seen at all. */
const INVISIBLE_RATIO = 1.25;
/** Overlaps smaller than this share of the smaller element are borders touching, not overlap. */
const MIN_OVERLAP_SHARE = 0.1;

export interface FindingInputs {
  dom: RawDom;
  /** OCR of the viewport screenshot, aligned to the DOM; absent when OCR did not run. */
  words?: AlignedWord[];
  screenshot?: RgbaImage;
}

// Boxes are read by index: destructuring an array allocates an iterator wherever V8 does not
// optimize it away, and these run for every element.
const boxOf = (box: RawElement['box']): Box => ({ x: box[0], y: box[1], width: box[2], height: box[3] });
const round2 = (value: number) => Math.round(value * 100) / 100;
const describe = (element: RawElement) => {
  const label = element.name || element.text || element.alt || '';
  return `${element.role ?? element.tag}${label ? ` "${label.length > 40 ? `${label.slice(0, 39)}…` : label}"` : ''}`;
};

/**
 * The findings at or above the confidence threshold, and a count of the others: building a
 * finding's message and evidence only to drop it costs more than the check that finds it (a
 * page of widely spaced small targets has thousands).
 */
class Kept {
  readonly findings: Finding[] = [];
  belowThreshold = 0;

  constructor(private readonly threshold: number) {}

  /** Whether a finding with this confidence is kept; counts it when not. */
  keeps(confidence: number): boolean {
    if (confidence >= this.threshold) return true;
    this.belowThreshold++;
    return false;
  }
}

function insideViewport(element: RawElement, dom: RawDom): boolean {
  const { box } = element;
  const x = box[0];
  const y = box[1];
  const w = box[2];
  const h = box[3];
  return x >= 0 && y >= 0 && x + w <= dom.viewport.width && y + h <= dom.viewport.height;
}

function imageFindings(element: RawElement, id: number, kept: Kept): void {
  const { image } = element;
  if (!image) return;
  if (image.broken && kept.keeps(0.97)) {
    kept.findings.push({
      kind: 'broken-image',
      confidence: 0.97,
      message: `${describe(element)} did not load (${image.src || 'no source'})`,
      elements: [id],
      box: boxOf(element.box),
      evidence: { src: image.src },
    });
  }
  if (element.visible && !image.hasAlt && !image.decorative && !image.named && kept.keeps(0.95)) {
    kept.findings.push({
      kind: 'image-missing-alt',
      confidence: 0.95,
      message: `${element.tag} has no alt text: screen readers announce its file name (use alt="" if it is decorative)`,
      elements: [id],
      box: boxOf(element.box),
      evidence: { src: image.src },
    });
  }
}

/**
 * Targets bucketed by 64px cells, so neighbours are found without comparing every pair. Calls
 * `visit` for each target in the cells a circle touches (a target spanning several cells more than
 * once); stops and returns true as soon as `visit` does.
 */
function targetGrid(targets: { element: RawElement; id: number }[]): (x: number, y: number, radius: number, visit: (target: { element: RawElement; id: number }) => boolean) => boolean {
  const CELL = 64;
  // A number per cell is a cheaper key than a string; rows of 2^20 cells are wider than any page.
  const keyOf = (gx: number, gy: number) => gy * 1_048_576 + gx;
  const cells = new Map<number, { element: RawElement; id: number }[]>();
  for (const target of targets) {
    const box = target.element.box;
    const x = box[0];
    const y = box[1];
    const w = box[2];
    const h = box[3];
    for (let gx = Math.floor(x / CELL); gx <= Math.floor((x + w) / CELL); gx++) {
      for (let gy = Math.floor(y / CELL); gy <= Math.floor((y + h) / CELL); gy++) {
        const key = keyOf(gx, gy);
        const cell = cells.get(key);
        if (cell) cell.push(target);
        else cells.set(key, [target]);
      }
    }
  }
  return (x, y, radius, visit) => {
    for (let gx = Math.floor((x - radius) / CELL); gx <= Math.floor((x + radius) / CELL); gx++) {
      for (let gy = Math.floor((y - radius) / CELL); gy <= Math.floor((y + radius) / CELL); gy++) {
        for (const target of cells.get(keyOf(gx, gy)) ?? []) if (visit(target)) return true;
      }
    }
    return false;
  };
}

function tapTargetFindings(dom: RawDom, kept: Kept): void {
  const targets: { element: RawElement; id: number }[] = [];
  dom.elements.forEach((element, id) => {
    if (element.interactive && element.visible && !element.visuallyHidden) targets.push({ element, id });
  });
  const undersized = targets.filter(({ element }) => !element.inlineLink && (element.box[2] < MIN_TARGET || element.box[3] < MIN_TARGET));
  const near = targetGrid(targets);
  // The distance is at least its larger side, which rules out most neighbours before Math.hypot.
  const closerThan = (radius: number, x: number, y: number, box: RawElement['box']) => {
    const dx = Math.max(box[0] - x, 0, x - box[0] - box[2]);
    if (dx >= radius) return false;
    const dy = Math.max(box[1] - y, 0, y - box[1] - box[3]);
    return dy < radius && Math.hypot(dx, dy) < radius;
  };
  for (const target of undersized) {
    const box = target.element.box;
    const x = box[0];
    const y = box[1];
    const width = box[2];
    const height = box[3];
    const cx = x + width / 2;
    const cy = y + height / 2;
    // The spacing exception: a 24px circle around the target's centre touches no other target.
    const crowded = near(
      cx,
      cy,
      MIN_TARGET / 2,
      (other) => other.id !== target.id && other.element.parent !== target.id && target.element.parent !== other.id && closerThan(MIN_TARGET / 2, cx, cy, other.element.box),
    );
    const confidence = crowded ? 0.9 : 0.45;
    if (!kept.keeps(confidence)) continue;
    kept.findings.push({
      kind: 'small-tap-target',
      confidence,
      message: `${describe(target.element)} is ${Math.round(width)}x${Math.round(height)} px, under ${MIN_TARGET}x${MIN_TARGET}${crowded ? ' and another target is within 12 px of its centre' : ' (spaced apart, so WCAG 2.5.8 may still be met)'}`,
      elements: [target.id],
      box: boxOf(target.element.box),
      evidence: { width, height, crowded },
    });
  }
}

function overlapFindings(dom: RawDom, kept: Kept): void {
  for (const overlap of dom.overlaps) {
    if (overlap.share < MIN_OVERLAP_SHARE) continue;
    const a = dom.elements[overlap.a];
    const b = dom.elements[overlap.b];
    // The page's collector names two of its own elements; anything else is no overlap to report.
    if (!a || !b) continue;
    const covered = overlap.onTop === overlap.a ? b : overlap.onTop === overlap.b ? a : undefined;
    const confidence = round2(covered ? 0.6 + 0.35 * Math.min(1, overlap.share) : 0.5);
    if (!kept.keeps(confidence)) continue;
    kept.findings.push({
      kind: 'overlapping-interactive',
      confidence,
      message: `${describe(a)} and ${describe(b)} overlap (${Math.round(overlap.share * 100)}% of the smaller)${covered ? `: clicks there reach only the one on top, not ${describe(covered)}` : ''}`,
      elements: [overlap.a, overlap.b],
      box: boxOf(overlap.box),
      evidence: { share: round2(overlap.share), onTop: overlap.onTop },
    });
  }
}

/** Whether OCR read any of the element's words inside its box; undefined when OCR did not run. */
function ocrSawText(element: RawElement, words: AlignedWord[] | undefined): boolean | undefined {
  if (!words) return undefined;
  const box = boxOf(element.box);
  return words.some((word) => overlaps(word.box, box) && textHolds(element.text, word.text));
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

type TextStyle = NonNullable<RawElement['textStyle']>;

/**
 * The text colour as painted and its contrast, once per text style: elements that share a style
 * share its object (see readDom), and a page has few.
 */
function contrastOnce(): (style: TextStyle) => { fg: [number, number, number]; ratio: number } {
  const known = new Map<TextStyle, { fg: [number, number, number]; ratio: number }>();
  return (style) => {
    let contrast = known.get(style);
    if (!contrast) {
      const fg = composite(style.color, style.background);
      known.set(style, (contrast = { fg, ratio: contrastRatio(fg, style.background) }));
    }
    return contrast;
  };
}

function textFindings(element: RawElement, id: number, inputs: FindingInputs, contrastOf: ReturnType<typeof contrastOnce>, kept: Kept): void {
  const style = element.textStyle;
  if (!style || !element.text) return;
  const found = kept.findings;
  const box = boxOf(element.box);
  const { fg, ratio } = contrastOf(style);
  const inView = insideViewport(element, inputs.dom);
  const sawIt = inView ? ocrSawText(element, inputs.words) : undefined;

  if (element.invisibleText || (ratio < INVISIBLE_RATIO && !style.backgroundUncertain)) {
    const confidence = sawIt ? 0.3 : 0.95;
    if (!kept.keeps(confidence)) return;
    found.push({
      kind: 'text-not-rendered',
      confidence,
      message: `"${element.text.slice(0, 60)}" is in the DOM but cannot be seen: ${element.invisibleText ?? `its colour is its background's (contrast ${ratio.toFixed(2)}:1)`}`,
      elements: [id],
      box,
      evidence: { reason: element.invisibleText ?? 'same colour as background', ratio: round2(ratio), ocrSawIt: sawIt },
    });
    return;
  }

  if (element.coveredBy) {
    // Something else is on top; it may be transparent, so OCR decides when it ran.
    const confidence = sawIt === undefined ? 0.6 : sawIt ? 0.2 : 0.85;
    if (kept.keeps(confidence)) found.push({
      kind: 'text-not-rendered',
      confidence,
      message: `"${element.text.slice(0, 60)}" is covered by ${element.coveredBy}${sawIt === false ? ' and OCR does not see it' : ''}`,
      elements: [id],
      box,
      evidence: { coveredBy: element.coveredBy, ocrSawIt: sawIt },
    });
  } else if (sawIt === false && inView && normalizedLength(element.text) >= 3 && ratio >= 3) {
    // The DOM says legible text is here and the screenshot shows none. Small text is where OCR
    // itself fails most, so it weighs less.
    const confidence = style.fontSizePx >= 14 ? 0.7 : 0.45;
    if (kept.keeps(confidence)) found.push({
      kind: 'text-not-rendered',
      confidence,
      message: `"${element.text.slice(0, 60)}" is in the DOM at this place but OCR read no such text in the screenshot`,
      elements: [id],
      box,
      evidence: { fontSizePx: style.fontSizePx, ocrSawIt: false },
    });
  }

  if (element.clipped) {
    const { hiddenX, hiddenY, ellipsis } = element.clipped;
    const confidence = ellipsis || hiddenX > 2 || hiddenY > 2 ? 0.9 : 0.5;
    if (kept.keeps(confidence)) found.push({
      kind: 'text-clipped',
      confidence,
      message: `"${element.text.slice(0, 60)}" is cut off${ellipsis ? ' with an ellipsis' : ''}: ${hiddenX} px hidden horizontally, ${hiddenY} px vertically`,
      elements: [id],
      box,
      evidence: { hiddenX, hiddenY, ellipsis },
    });
  }

  // WCAG exempts inactive controls from the contrast rule.
  if (element.enabled) {
    const required = requiredRatio(style.fontSizePx, style.bold === true);
    const measured = inView && inputs.screenshot ? measuredContrast(inputs.screenshot, box) : undefined;
    const domLow = ratio < required;
    const pixelsLow = measured ? measured.ratio < required : undefined;
    let confidence = 0;
    if (domLow && !style.backgroundUncertain) confidence = pixelsLow === false ? 0.35 : pixelsLow ? 0.95 : 0.85;
    else if (domLow) confidence = pixelsLow === false ? 0.25 : pixelsLow ? 0.85 : 0.5;
    else if (style.backgroundUncertain && pixelsLow) confidence = 0.7;
    if (confidence > 0 && kept.keeps(confidence)) {
      const shown = pixelsLow && !domLow ? measured!.ratio : ratio;
      found.push({
        kind: 'low-contrast',
        confidence,
        message: `"${element.text.slice(0, 60)}" has contrast ${shown.toFixed(2)}:1, under WCAG AA's ${required}:1 for ${required === 3 ? 'large' : 'normal'} text`,
        elements: [id],
        box,
        evidence: {
          ratio: round2(ratio),
          required,
          color: fg.map(Math.round),
          background: style.background,
          backgroundUncertain: style.backgroundUncertain,
          measuredRatio: measured ? round2(measured.ratio) : undefined,
          fontSizePx: style.fontSizePx,
        },
      });
    }
  }
}

const normalizedLength = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '').length;

function pixelTextFindings(inputs: FindingInputs, kept: Kept): void {
  if (!inputs.words) return;
  const loose = inputs.words.filter((word) => !word.inDom);
  for (const line of groupLines(loose)) {
    const [first] = line;
    if (!first) continue;
    const host = first.element === undefined ? undefined : inputs.dom.elements[first.element];
    const text = line.map((word) => word.text).join(' ');
    const mean = line.reduce((sum, word) => sum + word.confidence, 0) / line.length;
    // Drawn into a canvas or an image is the expected way to get here; elsewhere it may be a
    // CSS background image, or an OCR misreading of an icon, so it weighs less. Short runs are
    // often icons read as letters.
    const where = host?.pixels ? 1 : 0.8;
    const length = normalizedLength(text) >= 3 ? 1 : 0.6;
    const confidence = round2(mean * where * length);
    if (!kept.keeps(confidence)) continue;
    kept.findings.push({
      kind: 'text-only-in-pixels',
      confidence,
      message: `"${text}" is visible only as pixels${host ? ` of ${host.tag}` : ''}: no DOM text, label or alt holds it, so assistive technology and text locators cannot find it`,
      elements: first.element === undefined ? [] : [first.element],
      box: unionBox(line.map((word) => word.box)),
      evidence: { words: line.map((word) => ({ text: word.text, confidence: round2(word.confidence) })) },
    });
  }
}

/**
 * The findings the DOM facts, the OCR words and the screenshot support with at least
 * `confidenceThreshold`, most confident first, and how many others they support.
 */
export function findingsFrom(inputs: FindingInputs, confidenceThreshold: number): { findings: Finding[]; belowThreshold: number } {
  const { dom } = inputs;
  const kept = new Kept(confidenceThreshold);
  const contrastOf = contrastOnce();
  dom.elements.forEach((element, id) => {
    if (element.image) imageFindings(element, id, kept);
    if (element.textStyle) textFindings(element, id, inputs, contrastOf, kept);
  });
  tapTargetFindings(dom, kept);
  overlapFindings(dom, kept);
  pixelTextFindings(inputs, kept);
  return { findings: kept.findings.sort((a, b) => b.confidence - a.confidence), belowThreshold: kept.belowThreshold };
}
