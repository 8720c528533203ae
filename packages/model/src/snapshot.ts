/**
 * The page's aria snapshot, attached by the fixtures' runner when a locator action fails and read by
 * the reporter for healing hints. The body is Playwright's aria snapshot YAML as `locator.ariaSnapshot()`
 * returns it: its format is Playwright's, so Panoptic declares only how the attachment is found.
 */
export const ARIA_SNAPSHOT_CONTENT_TYPE = 'application/vnd.panoptic.aria-snapshot+yaml';
export const ARIA_SNAPSHOT_ATTACHMENT = 'page-snapshot';
