import type { Page } from '@playwright/test';
import { analyze } from './analyze.js';
import type { AnalyzeOptions, VisionAnalysis } from './types.js';

export interface VisionReport {
  analysis: VisionAnalysis;
  /** PNG of the viewport with every mapped element, OCR word and finding boxed and labelled. */
  annotated: Buffer;
}

interface Annotation {
  box: [number, number, number, number];
  label: string;
  colour: string;
  width: number;
}

const COLOURS = { interactive: '#1565c0', text: '#757575', pixels: '#6a1b9a', ocr: '#ef6c00', finding: '#d50000' };

/** Runs in the page: draws the annotations in a closed shadow root above everything, returns its id. */
function drawOverlay(annotations: Annotation[]): string {
  const host = document.createElement('div');
  host.id = `panoptic-vision-${Math.random().toString(36).slice(2)}`;
  Object.assign(host.style, { position: 'fixed', inset: '0', zIndex: '2147483647', pointerEvents: 'none' });
  const root = host.attachShadow({ mode: 'closed' });
  for (const { box, label, colour, width } of annotations) {
    const frame = document.createElement('div');
    Object.assign(frame.style, {
      position: 'fixed', left: `${box[0]}px`, top: `${box[1]}px`, width: `${box[2]}px`, height: `${box[3]}px`,
      outline: `${width}px solid ${colour}`, boxSizing: 'border-box',
    });
    if (label) {
      const tag = document.createElement('span');
      tag.textContent = label;
      Object.assign(tag.style, {
        position: 'absolute', left: '0', top: box[1] > 14 ? '-14px' : '100%', font: '10px/12px monospace', color: '#fff',
        background: colour, padding: '0 3px', whiteSpace: 'nowrap', maxWidth: '360px', overflow: 'hidden', textOverflow: 'ellipsis',
      });
      frame.appendChild(tag);
    }
    root.appendChild(frame);
  }
  document.documentElement.appendChild(host);
  return host.id;
}

function annotationsOf(analysis: VisionAnalysis): Annotation[] {
  const annotations: Annotation[] = [];
  for (const element of analysis.elements) {
    if (!element.inViewport) continue;
    const colour = element.interactive ? COLOURS.interactive : element.pixels ? COLOURS.pixels : COLOURS.text;
    const label = element.interactive || element.pixels ? `#${element.id} ${element.role ?? element.tag}${element.name ? ` "${element.name.slice(0, 30)}"` : ''}` : '';
    annotations.push({ box: [element.box.x, element.box.y, element.box.width, element.box.height], label, colour, width: 1 });
  }
  for (const word of analysis.ocr ?? []) {
    if (word.element === undefined || analysis.elements[word.element]?.pixels) {
      annotations.push({ box: [word.box.x, word.box.y, word.box.width, word.box.height], label: '', colour: COLOURS.ocr, width: 1 });
    }
  }
  for (const finding of analysis.findings) {
    annotations.push({
      box: [finding.box.x, finding.box.y, finding.box.width, finding.box.height],
      label: `${finding.kind} ${finding.confidence.toFixed(2)}`,
      colour: COLOURS.finding,
      width: 3,
    });
  }
  return annotations;
}

/**
 * The vision analysis of the page with a screenshot that shows it: elements (blue interactive,
 * grey text, purple pixels), OCR words outside DOM text (orange) and findings (red, with kind and
 * confidence). The overlay lives in a closed shadow root only while the screenshot is taken.
 */
export async function visionReport(page: Page, options: AnalyzeOptions = {}): Promise<VisionReport> {
  const screenshot = options.screenshot ?? (await page.screenshot({ type: 'png', scale: 'css' }));
  const analysis = await analyze(page, { ...options, screenshot });
  const overlay = await page.evaluate(drawOverlay, annotationsOf(analysis));
  try {
    const annotated = await page.screenshot({ type: 'png', scale: 'css' });
    return { analysis, annotated };
  } finally {
    await page.evaluate((id) => document.getElementById(id)?.remove(), overlay);
  }
}
