/**
 * Failure kinds, most specific root cause first: the vocabulary of summary.json's `kind` fields.
 * @panoptic/ai's classifier produces them; they live here so the summary's schema and the classifier
 * share one list. No zod here: the classifier imports this without loading a schema library.
 */
export const ERROR_KINDS = [
  'environment',
  'page-closed',
  'locator-ambiguous',
  'visual-mismatch',
  'locator-not-found',
  'network',
  'element-not-actionable',
  'assertion-mismatch',
  'test-timeout',
  'script-error',
  'unknown',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];
