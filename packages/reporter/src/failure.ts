import fs from 'node:fs';
import type { TestResult } from '@playwright/test/reporter';
import { classify, pageSnapshotFromErrorContext } from '@panoptic/ai/classify';
import { ARIA_SNAPSHOT_CONTENT_TYPE } from '@panoptic/model/snapshot';
import type { Failure, TestError } from './summary.js';

// Panoptic's runner attaches the page's aria snapshot when a locator action fails; the content type
// is owned by @panoptic/model.
export { ARIA_SNAPSHOT_CONTENT_TYPE };

function textOf(attachment: TestResult['attachments'][number]): string | undefined {
  if (attachment.body) return attachment.body.toString('utf8');
  if (!attachment.path) return undefined;
  try {
    return fs.readFileSync(attachment.path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The page at failure time: Panoptic's own snapshot, else the one in Playwright's error-context attachment. */
function pageSnapshotOf(result: TestResult): string | undefined {
  const own = [...result.attachments].reverse().find((a) => a.contentType === ARIA_SNAPSHOT_CONTENT_TYPE);
  const ownText = own && textOf(own);
  if (ownText) return ownText;
  const context = result.attachments.find((a) => a.name === 'error-context');
  const markdown = context && textOf(context);
  return markdown ? pageSnapshotFromErrorContext(markdown) : undefined;
}

/** A message's category and confidence, for one error of an attempt. */
export function errorKindOf(message: string): Pick<TestError, 'kind' | 'confidence'> {
  const { category, confidence } = classify(message);
  return { kind: category, confidence };
}

/**
 * Why an attempt failed: all its errors classified together (a test timeout also reports the
 * locator it was waiting for), with a healing hint when a locator matched nothing.
 */
export function failureOf(result: TestResult, errors: readonly TestError[]): Failure | undefined {
  if (!errors.length) return undefined;
  const messages = errors.map((error) => error.message);
  let classification = classify(messages);
  if (classification.category === 'locator-not-found') {
    const snapshot = pageSnapshotOf(result);
    if (snapshot) classification = classify(messages, { snapshot });
  }
  const failure: Failure = {
    kind: classification.category,
    confidence: classification.confidence,
    summary: classification.summary,
    suggestion: classification.suggestion,
  };
  if (classification.hint) failure.hint = classification.hint;
  return failure;
}
