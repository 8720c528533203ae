import type { Box, OcrWord } from '../ocr/types.js';
import type { RawElement } from './dom-transfer.js';

/** An OCR word placed on the DOM: the element it lies in and whether that element has its text. */
export interface AlignedWord extends OcrWord {
  /** The smallest visible element holding the word's centre. */
  element?: number;
  /** The DOM (text, name, value, placeholder) holds this word at that place. */
  inDom: boolean;
}

const TOLERANCE = 3;

export const normalizeText = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function contains(box: Box | RawElement['box'], x: number, y: number): boolean {
  const [bx, by, bw, bh] = Array.isArray(box) ? box : [box.x, box.y, box.width, box.height];
  return x >= bx - TOLERANCE && y >= by - TOLERANCE && x <= bx + bw + TOLERANCE && y <= by + bh + TOLERANCE;
}

/** Levenshtein distance, cut off early once it exceeds `max`. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > max) return false;
    previous = current;
  }
  return previous[b.length]! <= max;
}

/** Whether OCR's reading of a word is the DOM's text, allowing one misread letter in longer words. */
export function textHolds(domText: string, word: string): boolean {
  const target = normalizeText(word);
  if (!target) return false;
  if (normalizeText(domText).includes(target)) return true;
  if (target.length < 4) return false;
  return domText.split(/[^\p{L}\p{N}]+/u).some((token) => withinEdits(normalizeText(token), target, 1));
}

export function domTextOf(element: RawElement): string {
  return [element.text, element.name, element.placeholder ?? '', element.alt ?? '', element.title ?? ''].join(' ');
}

/** Places each OCR word on the smallest visible element under it, and checks the DOM has the word. */
export function alignWords(words: OcrWord[], elements: RawElement[]): AlignedWord[] {
  const visible = elements
    .map((element, id) => ({ element, id, area: element.box[2] * element.box[3] }))
    .filter(({ element }) => element.visible)
    .sort((a, b) => a.area - b.area);
  return words.map((word) => {
    const cx = word.box.x + word.box.width / 2;
    const cy = word.box.y + word.box.height / 2;
    const under = visible.filter(({ element }) => contains(element.box, cx, cy));
    const holder = under.find(({ element }) => textHolds(domTextOf(element), word.text));
    const host = holder ?? under[0];
    return host ? { ...word, element: host.id, inDom: holder !== undefined } : { ...word, inDom: false };
  });
}

/** Words next to each other on one line over the same element, joined into one run of text. */
export function groupLines(words: AlignedWord[]): AlignedWord[][] {
  const sorted = [...words].sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const lines: AlignedWord[][] = [];
  for (const word of sorted) {
    const line = lines.find((candidate) => {
      const last = candidate[candidate.length - 1]!;
      const sameRow = Math.abs(last.box.y + last.box.height / 2 - (word.box.y + word.box.height / 2)) < Math.max(last.box.height, word.box.height) / 2;
      const gap = word.box.x - (last.box.x + last.box.width);
      return last.element === word.element && sameRow && gap >= -2 && gap < 2 * Math.max(last.box.height, word.box.height);
    });
    if (line) line.push(word);
    else lines.push([word]);
  }
  return lines;
}

export function unionBox(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** 1 for equal strings down to 0 for nothing in common (normalized Levenshtein). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[b.length]! / Math.max(a.length, b.length);
}
