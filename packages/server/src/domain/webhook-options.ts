import { z } from 'zod';

// settings.enterprise.integration.webhook as the server uses it. The suite's keys were validated (and
// located) by @panoptic/config; this schema gives the defaults and checks options built in code.

const HOUR_MS = 3_600_000;

export const webhookOptionsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  url: z.url({ protocol: /^https?$/ }).optional(),
  urls: z.array(z.url({ protocol: /^https?$/ })).optional(),
  events: z.array(z.string().min(1)).min(1).default(['*']),
  /** The variable holding the signing secret; the secret itself never enters the options. */
  secret_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  /** Seconds. */
  timeout: z.number().positive().default(10),
  retries: z.number().int().nonnegative().max(20).default(5),
  /** Seconds before the first retry; doubled for each next one, up to an hour. */
  retry_delay: z.number().positive().default(10),
});

export type WebhookOptionsInput = z.input<typeof webhookOptionsSchema>;

/** What the dispatcher works with: receivers, event patterns, and timings in milliseconds. */
export interface WebhookConfig {
  urls: string[];
  events: string[];
  secret: string;
  timeout_ms: number;
  retries: number;
  retry_delay_ms: number;
  max_retry_delay_ms: number;
}

/** The dispatcher's configuration, or undefined when no webhook is configured or it is disabled; a missing secret refuses the start. */
export function webhookConfig(options: z.infer<typeof webhookOptionsSchema> | undefined, env: NodeJS.ProcessEnv): WebhookConfig | undefined {
  if (!options?.enabled) return undefined;
  const urls = options.urls ?? (options.url ? [options.url] : []);
  if (urls.length === 0) throw new Error('settings.enterprise.integration.webhook needs url (or urls): where to send the events');
  if (options.secret_env === undefined) throw new Error('settings.enterprise.integration.webhook needs secret_env: the environment variable holding its signing secret');
  const secret = env[options.secret_env];
  if (!secret) {
    throw new Error(`settings.enterprise.integration.webhook.secret_env names ${options.secret_env}, which is not set: export the signing secret in it before starting the server`);
  }
  return {
    urls: [...new Set(urls)],
    events: options.events,
    secret,
    timeout_ms: options.timeout * 1000,
    retries: options.retries,
    retry_delay_ms: options.retry_delay * 1000,
    max_retry_delay_ms: HOUR_MS,
  };
}

/** settings.enterprise.integration.webhook of a suite as option input (its keys already validated by @panoptic/config). */
export function webhookFromSettings(enterprise: { integration?: unknown }): WebhookOptionsInput | undefined {
  const integration = enterprise.integration;
  if (typeof integration !== 'object' || integration === null || !('webhook' in integration)) return undefined;
  const webhook = integration.webhook;
  if (typeof webhook !== 'object' || webhook === null) return undefined;
  // Keys left unset take the defaults; `secret` was refused by the suite's validation and never gets here.
  return Object.fromEntries(Object.entries(webhook).filter(([key, value]) => value !== undefined && key !== 'secret'));
}
