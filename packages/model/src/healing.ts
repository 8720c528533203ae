import { z } from 'zod';

/** The annotation a test gets for each step `smart_error_recovery` healed. */
export const HEALED_ANNOTATION = 'panoptic-healed';

/**
 * One action that failed because its locator matched nothing and passed on the closest element of
 * the page. Travels in the metrics attachment (per action) and in summary.json (per test), so the
 * report can say what to change in the suite.
 */
export const healedStepSchema = z.object({
  /** The action's name in the suite. */
  action: z.string(),
  type: z.string(),
  /** Where the action is written, `file:line:col` of the suite. */
  location: z.string().optional(),
  /** The locator as the suite wrote it (`selector`, or `target` when it had none). */
  from: z.string(),
  /** The selector the action passed with. */
  to: z.string(),
  /** The keys to write in the action instead, one `key: value` per entry. */
  yaml: z.array(z.string()),
  /** How close the element is to what the suite asked for (0..1): at least `confidence_threshold`. */
  confidence: z.number().min(0).max(1),
});

export type HealedStep = z.infer<typeof healedStepSchema>;
