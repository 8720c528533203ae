import fs from 'node:fs/promises';
import path from 'node:path';
import type { Summary } from '../summary.js';
import { copyArtifacts, type Prewritten } from './html/copy.js';
import { DEFAULT_LIMITS, type HtmlLimits } from './html/limits.js';
import { renderPage } from './html/page.js';
import { planReport } from './html/plan.js';

export type { HtmlLimits } from './html/limits.js';

export interface HtmlReportResult {
  /** The written page, `<reportDir>/index.html`. */
  file: string;
  /** Distinct artifact files the page links, now in `<reportDir>/data/`. */
  copied: number;
  /** Artifacts that could not be copied (missing or unreadable files); the page leaves them out. */
  warnings: string[];
}

/**
 * Writes the run's HTML report: one self-contained `index.html` (inline style, a few lines of
 * script it works without) and, in `data/`, the screenshots, videos and traces it links by
 * relative URLs, named by content hash. The folder works opened from disk and uploaded as is.
 * Each section lists a bounded number of tests (see `HtmlLimits`), so huge runs stay readable.
 * A missing artifact is a returned warning, not an error; failing to write the page throws.
 */
export interface HtmlReportOptions {
  /** The page's file name in `reportDir` (default index.html). */
  fileName?: string;
  /**
   * Turns each artifact's relative link (`data/<hash>.png`) into the one the page uses: a page for
   * a private store links signed URLs, which carry their own expiry.
   */
  hrefFor?: (relativeHref: string) => Promise<string>;
  /** Artifacts placed in the data folder while the run went on (`ReportPrewrite`). */
  prewritten?: Prewritten;
}

export async function writeHtmlReport(
  summary: Summary,
  reportDir: string,
  limits: Partial<HtmlLimits> = {},
  options: HtmlReportOptions = {},
): Promise<HtmlReportResult> {
  const allLimits: HtmlLimits = { ...DEFAULT_LIMITS, ...limits };
  await fs.mkdir(reportDir, { recursive: true });
  const plan = planReport(summary, allLimits);
  const { links, copied, warnings } = await copyArtifacts(plan.copies, reportDir, options.prewritten);
  if (options.hrefFor) for (const link of links.values()) link.href = await options.hrefFor(link.href);
  const html = renderPage({ summary, plan, limits: allLimits, links, copied, reportWarnings: warnings });
  const file = path.join(reportDir, options.fileName ?? 'index.html');
  await fs.writeFile(file, html, 'utf8');
  return { file, copied, warnings };
}
