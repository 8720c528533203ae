import type { Summary } from '../../summary.js';
import type { LinkedFile } from './copy.js';
import type { HtmlLimits } from './limits.js';
import type { ReportPlan } from './plan.js';

/** Everything a section renders from: read-only. */
export interface RenderContext {
  summary: Summary;
  plan: ReportPlan;
  limits: HtmlLimits;
  /** Copied artifacts by their source path. */
  links: ReadonlyMap<string, LinkedFile>;
  copied: number;
  /** Problems met while writing this report (artifacts that could not be copied). */
  reportWarnings: readonly string[];
}
