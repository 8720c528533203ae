import type { FastifyInstance } from 'fastify';
import type { Context } from '../../domain/context.js';
import { listDeliveries, type DeliveryQuery } from '../../domain/webhook-deliveries.js';
import { pagedLogRoute } from '../paged-log-route.js';

const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

const attemptSchema = {
  type: 'object',
  properties: { attempt: { type: 'integer' }, at: dateTime, status: { type: ['integer', 'null'] }, error: nullableString, duration_ms: { type: 'integer' } },
} as const;

// The event's data is not listed: the log says what was sent where and how it went; the audit log and the runs hold the rest.
const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    event_id: { type: 'string' },
    event_type: { type: 'string' },
    event_time: dateTime,
    url: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    next_attempt_at: nullableDateTime,
    last_status: { type: ['integer', 'null'] },
    last_error: nullableString,
    created_at: dateTime,
    delivered_at: nullableDateTime,
    attempt_log: { type: 'array', items: attemptSchema },
  },
} as const;

export function webhookRoutes(app: FastifyInstance, ctx: Context): void {
  pagedLogRoute<DeliveryQuery>(app, ctx, {
    path: '/api/v1/webhooks/deliveries',
    permission: 'webhooks:read',
    summary: 'The webhook delivery log, newest first: each event sent to each receiver, its state and every attempt',
    tag: 'webhooks',
    filters: {
      status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
      event_type: { type: 'string', maxLength: 200 },
    },
    entry: deliverySchema,
    list: (query) => listDeliveries(ctx.db, query),
  });
}
