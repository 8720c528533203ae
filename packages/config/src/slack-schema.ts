import { z } from 'zod';

const URL_IN_SUITE =
  'a Slack incoming-webhook URL is a secret and never goes in a suite: put it in an environment variable and name that variable in settings.enterprise.integration.slack.url_env';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

/**
 * settings.enterprise.integration.slack: the server's chat message ({text, blocks}, Slack-compatible)
 * when a complete run fails a quality gate or brings a new failure, sent through the webhook queue.
 */
export const slackSchema = z
  .strictObject({
    enabled: z.boolean().describe('false: no notification is sent (default true).').optional(),
    url_env: envName.describe('The environment variable holding the incoming-webhook URL (required).').optional(),
    secret_env: envName
      .describe('The environment variable holding the signing secret; needed only without integration.webhook, whose secret signs otherwise.')
      .optional(),
    /** Accepted by the shape only to be refused with a message that says where the URL goes. */
    url: z.unknown().describe(`Never set: ${URL_IN_SUITE}.`).optional(),
  })
  .superRefine((slack, ctx) => {
    // Located at the key like any issue; the value is never quoted (it is a secret).
    if (slack.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: URL_IN_SUITE });
    else if (slack.enabled !== false && slack.url_env === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'slack needs url_env: the environment variable holding the incoming-webhook URL' });
  });
