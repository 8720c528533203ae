import { z } from 'zod';
import { ERROR_KINDS } from './error-kinds.js';
import { documentReader } from './read.js';

/**
 * error-labels.json: failure categories users confirmed or corrected (`panoptic errors label`),
 * kept next to history.json in the output folder. With `ai_testing.enable_learning` the reporter
 * recalibrates the classifier's confidences from them.
 */
export const ERROR_LABELS_VERSION = 1;
export const ERROR_LABELS_FILE = 'error-labels.json';

export const errorLabelSchema = z.object({
  /** The test's key in summary.json. */
  test: z.string(),
  /** The failure's messages as summary.json had them: the classifier decides its rule from them again. */
  message: z.string(),
  /** What the classifier said when it was labelled. */
  predicted: z.enum(ERROR_KINDS),
  /** What the user says it is. */
  category: z.enum(ERROR_KINDS),
  labelledAt: z.string(),
});

export const errorLabelsSchema = z.object({
  version: z.literal(ERROR_LABELS_VERSION),
  labels: z.array(errorLabelSchema),
});

export type ErrorLabel = z.infer<typeof errorLabelSchema>;
export type ErrorLabels = z.infer<typeof errorLabelsSchema>;

/** An error-labels.json's parsed JSON, checked; throws a DocumentError naming its version or its bad field. */
export const readErrorLabels = documentReader({
  name: ERROR_LABELS_FILE,
  version: ERROR_LABELS_VERSION,
  schema: errorLabelsSchema,
  rewrite: 'move it aside and label the failures again',
});
