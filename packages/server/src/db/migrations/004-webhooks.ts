import type { Migration } from './index.js';

// Webhooks. The endpoints table mirrors the running configuration (the server writes it at start), so
// that queueing an event is one INSERT ... SELECT in the writer's own statement or transaction: the
// audit write never waits on HTTP, and a queued delivery outlives a restart. Deliveries copy the
// event (type, time, data) and the URL, so the log stays readable after an endpoint is removed.
export const webhooks: Migration = {
  version: 4,
  name: 'webhooks',
  statements: [
    `CREATE TABLE webhook_endpoints (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      url text NOT NULL UNIQUE,
      events text[] NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE webhook_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      event_time timestamptz NOT NULL,
      data jsonb NOT NULL,
      endpoint_id integer REFERENCES webhook_endpoints(id) ON DELETE SET NULL,
      url text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_status integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    )`,
    "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'",
    'CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at)',
    `CREATE TABLE webhook_attempts (
      delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      status integer,
      error text,
      duration_ms integer NOT NULL,
      PRIMARY KEY (delivery_id, attempt)
    )`,
  ],
};
