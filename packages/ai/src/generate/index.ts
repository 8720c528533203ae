export { generate, DEFAULT_DEPTH, DEFAULT_MAX_TESTS } from './generate.js';
export { writeGenerated, type WrittenFiles } from './write.js';
export { valueCandidates, numberWithin, type FieldConstraints } from './values.js';
export { looksVolatile } from './volatile.js';
// Named apart from the vision module's own `toLocator` and `LocatorSpec`.
export { toCode, toSelector, toLocator as generatedLocator } from './locator-spec.js';
export type { GenerateOptions, GenerateResult, GeneratedTest, LocatorSpec as GeneratedLocator, SkippedCandidate, Step, TestKind } from './types.js';
