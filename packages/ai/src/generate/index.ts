export { generate, DEFAULT_DEPTH, DEFAULT_MAX_TESTS } from './generate.js';
export { writeGenerated, type WrittenFiles } from './write.js';
export { valueCandidates, numberWithin, type FieldConstraints } from './values.js';
export { toCode, toLocator, toSelector } from './locator-spec.js';
export type { GenerateOptions, GenerateResult, GeneratedTest, LocatorSpec, SkippedCandidate, Step, TestKind } from './types.js';
