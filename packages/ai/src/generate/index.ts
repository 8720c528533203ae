export { generate, DEFAULT_DEPTH, DEFAULT_MAX_TESTS, DEFAULT_MAX_STATES, DEFAULT_STATE_DEPTH, DEFAULT_STATE_SECONDS } from './generate.js';
export { writeGenerated, type WrittenFiles } from './write.js';
export { valueCandidates, numberWithin, type FieldConstraints } from './values.js';
export { looksVolatile } from './volatile.js';
// Named apart from the vision module's own `toLocator` and `LocatorSpec`.
export { toCode, toSelector, toLocator as generatedLocator } from './locator-spec.js';
export type { GenerateOptions, GenerateResult, GeneratedTest, InteractionKind, LocatorSpec as GeneratedLocator, SkippedCandidate, Step, TestKind } from './types.js';
