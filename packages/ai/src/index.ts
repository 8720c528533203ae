/** @panoptic/ai: vision analysis, test generation and failure classification. */
export { recognizeText } from './ocr/recognize.js';
export { closeOcr, OcrUnavailableError } from './ocr/engine.js';
export type { Box, OcrWord, OcrOptions } from './ocr/types.js';
export * from './generate/index.js';
export * from './classify/index.js';
export { analyze } from './vision/analyze.js';
export { toLocator } from './vision/locator.js';
export { visionSettingsFrom, DEFAULT_VISION_SETTINGS, VisionDisabledError, type AiTestingVisionKeys } from './vision/settings.js';
export type { AnalyzeOptions, VisionAnalysis, VisionElement, VisionSettings, Finding, FindingKind, LocatorSpec } from './vision/types.js';
export { visionClick, VISION_CLICK_TYPES, type VisionClickTarget, type VisionClickResult } from './vision/click.js';
export { visionReport, type VisionReport } from './vision/report.js';
