/** Bumped on any change a reader of summary.json would notice. Apart from the schema so that
 * writing a summary does not load zod. */
export const SUMMARY_VERSION = 2;
