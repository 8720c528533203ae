import { NOTIFY_CHANNEL } from '../database.js';
import type { Migration } from './index.js';

// What the server's read caches (domain/read-cache.ts) must forget, said by the database itself:
// triggers NOTIFY on one channel, and PostgreSQL delivers a notification only when its transaction
// commits, to every listening connection of every server process on the database. A trigger
// cannot be forgotten by a new write path the way an invalidation call in code can.
// Payloads: 'project:<id>' when one of that project's runs changes (a publish, a shard, a gate
// verdict, a cleanup or a project's deletion, which cascades), 'all' when runs are truncated (a
// restore), 'auth' when anything a principal, a project lookup or a scope is made of changes.
// Counting an API key's use writes only its usage columns, which fire nothing.
const notify = (name: string, payload: string): string => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${NOTIFY_CHANNEL}', ${payload});
    RETURN NULL;
  END $$`;
const onAuth = (table: string, events: string): string => `CREATE TRIGGER ${table}_notify_auth AFTER ${events} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION panoptic_notify_auth()`;

export const cacheNotify: Migration = {
  version: 9,
  name: 'cache_notify',
  statements: [
    notify('panoptic_notify_run', "'project:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id ELSE NEW.project_id END"),
    notify('panoptic_notify_all', "'all'"),
    notify('panoptic_notify_auth', "'auth'"),
    'CREATE TRIGGER runs_notify AFTER INSERT OR UPDATE OR DELETE ON runs FOR EACH ROW EXECUTE FUNCTION panoptic_notify_run()',
    'CREATE TRIGGER runs_notify_truncate AFTER TRUNCATE ON runs FOR EACH STATEMENT EXECUTE FUNCTION panoptic_notify_all()',
    onAuth('users', 'UPDATE OF username, role, active OR DELETE OR TRUNCATE'),
    onAuth('sessions', 'UPDATE OF user_id, expires_at, token_sha256 OR DELETE OR TRUNCATE'),
    onAuth('api_keys', 'UPDATE OF user_id, secret_sha256, permissions, scopes, rate_limit, enabled, expires_at OR DELETE OR TRUNCATE'),
    ...['projects', 'project_members', 'teams', 'team_members', 'team_projects'].map((table) => onAuth(table, 'INSERT OR UPDATE OR DELETE OR TRUNCATE')),
  ],
};
