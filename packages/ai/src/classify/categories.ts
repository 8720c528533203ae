import { ERROR_KINDS, type ErrorKind } from '@panoptic/model/error-kinds';

/**
 * Failure categories, most specific root cause first: when a message shows signs of several, the
 * earlier one is the cause (a locator that timed out is a locator problem before it is a timeout).
 * They are summary.json's error kinds, so @panoptic/model owns the list.
 */
export const CATEGORIES = ERROR_KINDS;

export type Category = ErrorKind;

/** Headings for reports, one per category. */
export const CATEGORY_TITLES: Readonly<Record<Category, string>> = {
  environment: 'Environment (browser or driver missing, launch failure)',
  'page-closed': 'Page, context or browser closed',
  'locator-ambiguous': 'Locator matched several elements',
  'visual-mismatch': 'Screenshot mismatch',
  'locator-not-found': 'Locator matched nothing',
  network: 'Network and HTTP errors',
  'element-not-actionable': 'Element not actionable',
  'assertion-mismatch': 'Assertion mismatch',
  'test-timeout': 'Test timeout',
  'script-error': 'Error thrown by test or page code',
  unknown: 'Unclassified',
};
