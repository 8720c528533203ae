import type { WebhookConfig } from './webhook-options.js';

// What one attempt's answer means for the delivery. Network errors, timeouts, 429 and 5xx are the
// receiver's passing trouble and are retried; any other answer (a 4xx, a redirect) will not change
// by sending the same body again, so the delivery fails at once and the log says why.

/** What one attempt got: an HTTP status, or no answer at all (`error` says why). */
export interface AttemptResult {
  status?: number | undefined;
  error?: string | undefined;
  /** Seconds from a 429's or 503's Retry-After header. */
  retryAfter?: number | undefined;
}

export type Verdict = 'delivered' | 'retry' | 'failed';

export function verdictOf(result: AttemptResult, attempts: number, config: Pick<WebhookConfig, 'retries'>): Verdict {
  const { status } = result;
  if (status !== undefined && status >= 200 && status < 300) return 'delivered';
  const retryable = status === undefined || status === 429 || status >= 500;
  return retryable && attempts <= config.retries ? 'retry' : 'failed';
}

/**
 * Milliseconds before the retry that follows attempt `attempts` (1 for the first): retry_delay doubled
 * per attempt, capped, and spread over its last quarter so receivers that fail together are not all
 * retried at the same instant. A longer Retry-After from the receiver wins, within the cap.
 */
export function retryDelayMs(attempts: number, config: Pick<WebhookConfig, 'retry_delay_ms' | 'max_retry_delay_ms'>, retryAfter?: number, random: () => number = Math.random): number {
  const backoff = Math.min(config.max_retry_delay_ms, config.retry_delay_ms * 2 ** Math.max(0, attempts - 1));
  const spread = backoff * (0.75 + 0.25 * random());
  const asked = retryAfter === undefined ? 0 : Math.min(config.max_retry_delay_ms, retryAfter * 1000);
  return Math.round(Math.max(spread, asked));
}

/** Retry-After in seconds (a number or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
