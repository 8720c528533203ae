/** A rectangle in image pixels (CSS pixels for a page screenshot at device scale 1). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One word the OCR engine read, where it is, and how sure the engine is of it. */
export interface OcrWord {
  text: string;
  /** 0..1: the engine's own word confidence. */
  confidence: number;
  box: Box;
}

export interface OcrOptions {
  /**
   * Size of this process's OCR worker pool (`ai_testing.parallel_workers`). The pool is created at
   * the first recognition and grows, never shrinks, when a later call asks for more.
   */
  workers?: number;
  /**
   * Normalize text polarity before recognition (default true): light-on-dark text (buttons, nav
   * bars) is made dark-on-light, which the engine otherwise misses.
   */
  preprocess?: boolean;
  /** Words below this confidence (0..1) are left out (default 0: every word). */
  minConfidence?: number;
}
