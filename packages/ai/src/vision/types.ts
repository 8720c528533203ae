import type { Box, OcrWord } from '../ocr/types.js';

/** How to find an element again, in the forms Playwright's codegen prefers, most robust first. */
export type LocatorSpec =
  | { by: 'testId'; value: string }
  | { by: 'role'; role: string; name?: string; exact?: boolean; nth?: number }
  | { by: 'label' | 'placeholder' | 'text' | 'altText' | 'title'; value: string; nth?: number }
  | { by: 'css'; value: string; nth?: number };

/** One element of the page as the DOM presents it. Boxes are in CSS pixels relative to the viewport. */
export interface VisionElement {
  /** Position in the analysis's element list; findings and OCR words refer to it. */
  id: number;
  tag: string;
  /** ARIA role, explicit or implied by the tag; undefined for generic containers. */
  role?: string;
  /** Accessible name, computed the way browsers do for the common cases (labels, aria-*, alt, text). */
  name: string;
  /** Text of the element's label, for form controls. */
  label?: string;
  /** Text content (whitespace collapsed), or a control's value. */
  text: string;
  testId?: string;
  placeholder?: string;
  box: Box;
  visible: boolean;
  enabled: boolean;
  inViewport: boolean;
  interactive: boolean;
  /** The element draws its content as pixels (canvas, img, svg, video). */
  pixels: boolean;
  locator: LocatorSpec;
  /** The same locator as Playwright code, e.g. `getByRole('button', { name: 'Sign in' })`. */
  locatorCode: string;
  /** Words OCR read inside the element's box, in reading order. */
  ocrText?: string;
}

export type FindingKind =
  | 'text-not-rendered'
  | 'text-clipped'
  | 'overlapping-interactive'
  | 'small-tap-target'
  | 'low-contrast'
  | 'image-missing-alt'
  | 'broken-image'
  | 'text-only-in-pixels';

export interface Finding {
  kind: FindingKind;
  /** 0..1: how sure the analysis is that a person would see this problem. */
  confidence: number;
  message: string;
  /** The elements involved (ids in `elements`). */
  elements: number[];
  box: Box;
  /** Measurements behind the finding (contrast ratio, sizes, OCR words...). */
  evidence: Record<string, unknown>;
}

export interface VisionSettings {
  /** `ai_testing.enable_vision_analysis` (default true). */
  enabled: boolean;
  /** `ai_testing.max_elements_to_analyze`: elements kept in the map, visible ones first. */
  maxElements: number;
  /** `ai_testing.confidence_threshold`: findings and OCR matches below it are left out. */
  confidenceThreshold: number;
  /** `ai_testing.parallel_workers`: OCR workers in this process's pool. */
  workers: number;
}

export interface AnalyzeOptions extends Partial<VisionSettings> {
  /** Run OCR on a screenshot (default true). Without it, pixel-only text and OCR checks are skipped. */
  ocr?: boolean;
  /** A screenshot of the viewport already taken (PNG, CSS scale), to spare taking another. */
  screenshot?: Buffer;
}

export interface VisionAnalysis {
  url: string;
  viewport: { width: number; height: number };
  /** Page scroll offset when analysed; add it to a box to get document coordinates. */
  scroll: { x: number; y: number };
  elements: VisionElement[];
  /** Elements the page had that the map left out because of `maxElements`. */
  omittedElements: number;
  /** OCR words of the viewport screenshot, each with the element it lies in, when there is one. */
  ocr?: (OcrWord & { element?: number })[];
  /** Workers in this process's OCR pool when the analysis ran (it grows to the largest request). */
  ocrWorkers?: number;
  findings: Finding[];
  /** Findings left out because their confidence was under the threshold. */
  belowThreshold: number;
  settings: VisionSettings;
  timings: { domMs: number; ocrMs?: number; totalMs: number };
}
