/** @panoptic/ai: vision analysis, test generation and failure classification. */
export { recognizeText } from './ocr/recognize.js';
export { closeOcr, OcrUnavailableError } from './ocr/engine.js';
export type { Box, OcrWord, OcrOptions } from './ocr/types.js';
export * from './generate/index.js';
export * from './classify/index.js';
