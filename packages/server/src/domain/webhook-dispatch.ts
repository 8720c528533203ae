import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../db/database.js';
import type { Context } from './context.js';
import { onRunPublished } from './runs-events.js';
import { queueWebhookEvent, syncEndpoints } from './webhook-events.js';
import { setSlackTarget, slackTargetOf, type SlackTarget } from './notify-slack.js';
import { webhookConfig, webhookOptionsSchema, type WebhookConfig } from './webhook-options.js';
import { retryDelayMs, verdictOf, type AttemptResult } from './webhook-retry.js';
import { sendDelivery, type DueDelivery } from './webhook-send.js';

export interface WebhookLog {
  info(message: string): void;
  error(message: string): void;
}

export interface WebhookDispatcher {
  /** Waits for the attempts in flight (each ends within the timeout), then stops. */
  stop(): Promise<void>;
}

// Deliveries claimed per round; a full batch is followed by another round at once.
const BATCH = 20;
// How often a server looks for deliveries queued by any process (one indexed query).
const POLL_MS = 500;

/**
 * Claims due deliveries for this process. SKIP LOCKED lets several servers on one PostgreSQL claim at
 * once without taking the same row, and the lease (locked_until) keeps a claimed row from being
 * claimed again while its attempt runs; a process that dies mid-attempt leaves it to be retried when
 * the lease ends.
 */
async function claimDue(db: Database, leaseSeconds: number): Promise<DueDelivery[]> {
  return db.query<DueDelivery>(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, locked_until = now() + make_interval(secs => $1)
     WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until <= now())
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
     ) RETURNING id::text, event_id::text, event_type, event_time, data, url, attempts`,
    [leaseSeconds, BATCH],
  );
}

/** Writes the attempt to the log and the delivery's next state in one transaction. */
async function record(db: Database, delivery: DueDelivery, result: AttemptResult, durationMs: number, config: WebhookConfig): Promise<void> {
  const verdict = verdictOf(result, delivery.attempts, config);
  const delaySeconds = verdict === 'retry' ? retryDelayMs(delivery.attempts, config, result.retryAfter) / 1000 : 0;
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO webhook_attempts (delivery_id, attempt, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)', [
      delivery.id,
      delivery.attempts,
      result.status ?? null,
      result.error ?? null,
      Math.round(durationMs),
    ]);
    await tx.query(
      `UPDATE webhook_deliveries SET locked_until = NULL, last_status = $2, last_error = $3,
         status = CASE WHEN $4 = 'retry' THEN 'pending' ELSE $4 END,
         delivered_at = CASE WHEN $4 = 'delivered' THEN now() END,
         next_attempt_at = CASE WHEN $4 = 'retry' THEN now() + make_interval(secs => $5) ELSE next_attempt_at END
       WHERE id = $1`,
      [delivery.id, result.status ?? null, result.error ?? null, verdict, delaySeconds],
    );
  });
}

/** Milliseconds until the next pending delivery is due here (POLL_MS when none is sooner). */
async function untilNextDue(db: Database): Promise<number> {
  const [row] = await db.query<{ ms: number | null }>(
    "SELECT (extract(epoch FROM min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at))) - now()) * 1000)::float8 AS ms FROM webhook_deliveries WHERE status = 'pending'",
  );
  const ms = row?.ms ?? POLL_MS;
  return Math.min(POLL_MS, Math.max(10, ms));
}

/** Sends due deliveries until stopped: each claimed one is signed, sent, logged and marked delivered, rescheduled or failed. */
export function startWebhookDispatcher(db: Database, config: WebhookConfig, log: WebhookLog): WebhookDispatcher {
  const controller = new AbortController();
  const leaseSeconds = (config.timeout_ms * 2) / 1000 + 30;
  const deliver = async (delivery: DueDelivery): Promise<void> => {
    const started = performance.now();
    const result = await sendDelivery(delivery, config);
    await record(db, delivery, result, performance.now() - started, config);
    // The origin only: receivers such as chat webhooks carry a token in their path.
    if (result.error) log.error(`webhook ${delivery.event_type} to ${new URL(delivery.url).origin}, attempt ${delivery.attempts}: ${result.error}`);
  };
  const loop = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      let wait = POLL_MS;
      try {
        const due = await claimDue(db, leaseSeconds);
        await Promise.all(due.map(deliver));
        wait = due.length === BATCH ? 0 : await untilNextDue(db);
      } catch (error) {
        if (controller.signal.aborted) return;
        log.error(`webhook deliveries: ${(error as Error).message}`);
      }
      await sleep(wait, undefined, { signal: controller.signal }).catch(() => undefined);
    }
  };
  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}

/**
 * Sets the database's webhook endpoints from the options (none when webhooks are off, so events stop
 * queueing) and, when webhooks are on, queues run.finished for each finished run and starts sending.
 * A missing secret refuses the start.
 */
export async function startWebhooks(ctx: Context, env: NodeJS.ProcessEnv, log: WebhookLog): Promise<WebhookDispatcher | undefined> {
  const hooks = webhookConfig(ctx.options.webhook, env);
  const slack = slackTargetOf(ctx.options.slack, env);
  await ctx.db.transaction((tx) => syncEndpoints(tx, hooks?.urls ?? [], hooks?.events ?? [], slack ? [slack.url] : []));
  const config = hooks ?? (slack && slackOnlyConfig(slack));
  if (!config) return undefined;
  // Heard once the publish is committed; a re-sent shard of a finished run finishes it again, and is sent again.
  const removeListener = hooks ? onRunPublished(ctx, async ({ project, run, finished }) => {
    if (finished) await queueWebhookEvent(ctx.db, 'run.finished', { project, run });
  }) : () => undefined;
  setSlackTarget(ctx, slack?.url);
  if (hooks) log.info(`webhooks: ${hooks.events.join(', ')} to ${hooks.urls.length} receiver(s)`);
  if (slack) log.info('notifications: failed quality gates and new failures to the Slack-compatible webhook of integration.slack');
  const dispatcher = startWebhookDispatcher(ctx.db, config, log);
  return {
    async stop() {
      removeListener();
      setSlackTarget(ctx, undefined);
      await dispatcher.stop();
    },
  };
}

/** With no integration.webhook, the notifications alone are sent with the webhook defaults, signed with slack.secret_env. */
function slackOnlyConfig(slack: SlackTarget): WebhookConfig {
  if (!slack.secret) throw new Error('settings.enterprise.integration.slack needs secret_env when no integration.webhook is configured: every delivery is signed');
  const defaults = webhookOptionsSchema.parse({});
  return { urls: [], events: [], secret: slack.secret, timeout_ms: defaults.timeout * 1000, retries: defaults.retries, retry_delay_ms: defaults.retry_delay * 1000, max_retry_delay_ms: 3_600_000 };
}
