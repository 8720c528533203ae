import type { Migration } from './index.js';

// Organisation, users with their password history, sessions, failed logins and the audit log.
export const initial: Migration = {
  version: 1,
  name: 'initial',
  statements: [
    `CREATE TABLE organizations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      domain text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE users (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      organization_id integer NOT NULL REFERENCES organizations(id),
      username text NOT NULL UNIQUE,
      email text,
      first_name text,
      last_name text,
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'developer', 'viewer')),
      active boolean NOT NULL DEFAULT true,
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE password_history (
      id bigserial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX password_history_user ON password_history (user_id, id DESC)',
    `CREATE TABLE sessions (
      token_sha256 text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text
    )`,
    'CREATE INDEX sessions_user ON sessions (user_id)',
    `CREATE TABLE login_failures (
      id bigserial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX login_failures_user_at ON login_failures (user_id, at)',
    // Append-only: actor and target are copied as text too, so the trail outlives deleted users.
    `CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_id integer,
      actor_name text,
      action text NOT NULL,
      target_type text,
      target_id text,
      ip text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`,
    'CREATE INDEX audit_log_at ON audit_log (at)',
    'CREATE INDEX audit_log_action ON audit_log (action, at)',
    'CREATE INDEX audit_log_actor ON audit_log (actor_name, at)',
  ],
};
