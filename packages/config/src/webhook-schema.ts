import { z } from 'zod';
import { timerSeconds } from './durations.js';

const SECRET_IN_SUITE =
  'a webhook signing secret never goes in a suite: put it in an environment variable and name that variable in settings.enterprise.integration.webhook.secret_env';

/** An event name or a pattern of them: `user.created`, `user.*`, `run.finished`, `*`. */
const eventPattern = z
  .string()
  .regex(/^[a-z_*]+(\.[a-z_*]+)*$/, 'expected an event name or pattern such as "user.created", "user.*", "run.finished" or "*"');

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL' });

/**
 * settings.enterprise.integration.webhook: where the server sends signed events (audit actions and
 * finished runs). The original accepted any map here; these are the keys the server acts on.
 */
export const webhookSchema = z
  .strictObject({
    enabled: z.boolean().describe('false: no event is queued or sent (default true).').optional(),
    url: httpUrl.describe('The receiver (http or https).').optional(),
    urls: z.array(httpUrl).min(1).describe('Several receivers; each gets every event.').optional(),
    events: z
      .array(eventPattern)
      .min(1)
      .describe('The events sent: audit actions by name or pattern ("user.*", "auth.login_failed") and "run.finished"; default every event ("*").')
      .optional(),
    secret_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
      .describe('The environment variable holding the HMAC-SHA256 signing secret (required: every delivery is signed).')
      .optional(),
    /** Accepted by the shape only to be refused with a message that says where the secret goes. */
    secret: z.unknown().describe(`Never set: ${SECRET_IN_SUITE}.`).optional(),
    timeout: timerSeconds.positive().describe('Seconds a receiver has to answer one attempt (default 10).').optional(),
    retries: z.number().int().nonnegative().max(20).describe('Attempts after the first on a network error, a timeout, 429 or 5xx (default 5).').optional(),
    retry_delay: timerSeconds.positive().describe('Seconds before the first retry; each next one waits twice as long, up to an hour (default 10).').optional(),
  })
  .superRefine((webhook, ctx) => {
    // Located at the key like any issue; the value is never quoted (it is a secret).
    if (webhook.secret !== undefined) ctx.addIssue({ code: 'custom', path: ['secret'], message: SECRET_IN_SUITE });
    if (webhook.enabled === false) return;
    if (webhook.url === undefined && webhook.urls === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'a webhook needs url (or urls): where to send the events' });
    if (webhook.url !== undefined && webhook.urls !== undefined) ctx.addIssue({ code: 'custom', path: ['urls'], message: 'set url or urls, not both' });
    if (webhook.secret_env === undefined && webhook.secret === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a webhook needs secret_env: the environment variable holding its signing secret (every delivery is signed)' });
    }
  });

export type WebhookSettings = z.infer<typeof webhookSchema>;
