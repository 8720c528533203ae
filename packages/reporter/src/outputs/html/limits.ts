/**
 * How much of a run the page shows. A run can have tens of thousands of tests; the page lists the
 * first items of each section and says how many more there are, so it stays quick to open and read.
 */
export interface HtmlLimits {
  /**
   * Tests in the list of all tests, each with its story, failed and flaky ones first. Media loads
   * only when a story is opened (lazy images, videos without preload): the cost is the page's text,
   * about 0.6 kB a test.
   */
  tests: number;
  /** Failed tests shown per error kind. */
  failuresPerKind: number;
  slowest: number;
  flaky: number;
  /** Newly failing and newly fixed tests, each. */
  history: number;
  /** Rows of the per-project and per-app tables. */
  groups: number;
  /** Screenshots of passed (or skipped) tests shown in the gallery. */
  gallery: number;
  /** Per shown test: screenshots, videos and traces linked. */
  screenshotsPerTest: number;
  videosPerTest: number;
  tracesPerTest: number;
  /** Run errors and reporter warnings, each. */
  problems: number;
}

export const DEFAULT_LIMITS: HtmlLimits = {
  tests: 1_000,
  failuresPerKind: 50,
  slowest: 20,
  flaky: 50,
  history: 50,
  groups: 100,
  gallery: 24,
  screenshotsPerTest: 12,
  videosPerTest: 2,
  tracesPerTest: 2,
  problems: 50,
};
