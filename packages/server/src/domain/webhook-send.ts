import { SLACK_EVENT } from './notify-slack.js';
import type { WebhookConfig } from './webhook-options.js';
import { parseRetryAfter, type AttemptResult } from './webhook-retry.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-sign.js';

/** A queued delivery as the dispatcher claims it. */
export interface DueDelivery {
  id: string;
  event_id: string;
  event_type: string;
  event_time: Date | string;
  data: Record<string, unknown>;
  url: string;
  attempts: number;
}

/** The body every attempt of a delivery sends, byte for byte: the event as stored, never a secret. */
export function deliveryBody(delivery: DueDelivery): string {
  // A chat message goes as the chat service reads it, not in the event envelope.
  if (delivery.event_type === SLACK_EVENT) return JSON.stringify(delivery.data);
  return JSON.stringify({ id: delivery.event_id, type: delivery.event_type, time: new Date(delivery.event_time).toISOString(), data: delivery.data });
}

// Enough of a receiver's error page for the log to say what went wrong, not a copy of it.
const ERROR_TEXT_LIMIT = 200;

/** One signed POST of the delivery; never throws: no answer is a result too. */
export async function sendDelivery(delivery: DueDelivery, config: Pick<WebhookConfig, 'secret' | 'timeout_ms'>): Promise<AttemptResult> {
  const body = deliveryBody(delivery);
  const signal = AbortSignal.timeout(config.timeout_ms);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Panoptic-Webhooks/1',
        'panoptic-event': delivery.event_type,
        'panoptic-event-id': delivery.event_id,
        [SIGNATURE_HEADER]: signatureHeader(config.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      // A redirect is answered as a failure: the signature and body go only to the configured address.
      redirect: 'manual',
      signal,
    });
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) return { status: response.status };
    const reason = response.status >= 300 && response.status < 400 ? 'redirects are not followed: configure the final URL' : text.slice(0, ERROR_TEXT_LIMIT);
    return { status: response.status, error: `HTTP ${response.status}${reason ? `: ${reason}` : ''}`, retryAfter: parseRetryAfter(response.headers.get('retry-after')) };
  } catch (error) {
    if (signal.aborted) return { error: `no answer within ${config.timeout_ms / 1000} s` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}
