import type { VisionSettings } from './types.js';

/** Defaults when a suite's `ai_testing` block leaves a key out. */
export const DEFAULT_VISION_SETTINGS: VisionSettings = {
  enabled: true,
  maxElements: 1000,
  confidenceThreshold: 0.5,
  workers: 1,
};

/** The `ai_testing` keys the vision analysis honours, in the suite's spelling. */
export interface AiTestingVisionKeys {
  enable_vision_analysis?: boolean;
  max_elements_to_analyze?: number;
  confidence_threshold?: number;
  parallel_workers?: number;
}

/** Vision settings from a suite's `settings.ai_testing` block. */
export function visionSettingsFrom(aiTesting: AiTestingVisionKeys | undefined): Partial<VisionSettings> {
  const settings: Partial<VisionSettings> = {};
  if (aiTesting?.enable_vision_analysis !== undefined) settings.enabled = aiTesting.enable_vision_analysis;
  if (aiTesting?.max_elements_to_analyze !== undefined) settings.maxElements = aiTesting.max_elements_to_analyze;
  if (aiTesting?.confidence_threshold !== undefined) settings.confidenceThreshold = aiTesting.confidence_threshold;
  if (aiTesting?.parallel_workers !== undefined) settings.workers = aiTesting.parallel_workers;
  return settings;
}

function check(name: string, value: number, valid: boolean, expected: string): number {
  if (!valid) throw new RangeError(`${name} must be ${expected}; got ${value}`);
  return value;
}

export function resolveVisionSettings(options: Partial<VisionSettings>): VisionSettings {
  const merged = { ...DEFAULT_VISION_SETTINGS, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) };
  return {
    enabled: merged.enabled,
    maxElements: check('maxElements (max_elements_to_analyze)', merged.maxElements, Number.isInteger(merged.maxElements) && merged.maxElements > 0, 'a positive integer'),
    confidenceThreshold: check('confidenceThreshold (confidence_threshold)', merged.confidenceThreshold, merged.confidenceThreshold >= 0 && merged.confidenceThreshold <= 1, 'between 0 and 1'),
    workers: check('workers (parallel_workers)', merged.workers, Number.isInteger(merged.workers) && merged.workers > 0, 'a positive integer'),
  };
}

/** A vision feature used while `ai_testing.enable_vision_analysis` is false. */
export class VisionDisabledError extends Error {
  constructor(what: string) {
    super(`${what} is turned off by settings.ai_testing.enable_vision_analysis: false; set it to true (or remove it) to use it`);
    this.name = 'VisionDisabledError';
  }
}
