import type { TestResult } from '@playwright/test/reporter';
import { ENCRYPTED_CONTENT_TYPE } from '@panoptic/model/cloud-settings';

type Attachment = TestResult['attachments'][number];

const SUFFIX = ' (encrypted: panoptic download --decrypt)';

/**
 * An attachment whose only copy is now an object sealed by client-side encryption: its link opens
 * ciphertext, which no browser can show. Both reports then name it as encrypted, with how to read
 * it, and neither tries to show it as the image or video it was.
 */
export function markSealed(attachment: Attachment): void {
  attachment.contentType = ENCRYPTED_CONTENT_TYPE;
  if (!attachment.name.endsWith(SUFFIX)) attachment.name += SUFFIX;
}
