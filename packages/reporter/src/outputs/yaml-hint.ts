import { yamlKeysOf } from '@panoptic/ai/classify';
import type { TestSummary } from '../summary.js';

/**
 * A healing hint as the keys a YAML suite's action takes, for tests that play a YAML app (only
 * those carry an app): `selector: "role=textbox[name=\"User\"]"`, and `target: Sign in` where a
 * click's target finds the element. Empty for spec tests: their hint is the Playwright locator.
 */
export function yamlHintKeys(test: TestSummary): string[] {
  const hint = test.failure?.hint;
  return test.app && hint ? yamlKeysOf(hint) : [];
}
