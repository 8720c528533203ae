import type { HealedStep } from '@panoptic/model/healing';
import type { PanopticMetrics } from '@panoptic/model/metrics';
import type { TestSummary } from './summary.js';

/** The steps `smart_error_recovery` healed in an attempt, as its metrics attachment records them. */
export function healedStepsOf(metrics: PanopticMetrics | undefined): HealedStep[] {
  return (metrics?.actions ?? []).flatMap((action) => (action.healed ? [action.healed] : []));
}

/** Healed steps over all tests: the count summary.json and the report headline. */
export function healedCount(tests: readonly TestSummary[]): number {
  return tests.reduce((sum, test) => sum + (test.healed?.length ?? 0), 0);
}
