import type { Migration } from './index.js';

/** A many-to-many table between two tables, deleted with either side, indexed both ways. */
function link(table: string, [a, aTable]: [string, string], [b, bTable]: [string, string]): string[] {
  return [
    `CREATE TABLE ${table} (
      ${a} integer NOT NULL REFERENCES ${aTable}(id) ON DELETE CASCADE,
      ${b} integer NOT NULL REFERENCES ${bTable}(id) ON DELETE CASCADE,
      PRIMARY KEY (${a}, ${b})
    )`,
    `CREATE INDEX ${table}_${b} ON ${table} (${b})`,
  ];
}

// Projects and teams with their members, and API keys with their usage and rate-limit window. The
// window lives in the key's row so every server process on one PostgreSQL counts the same requests.
export const projectsTeamsKeys: Migration = {
  version: 2,
  name: 'projects_teams_api_keys',
  statements: [
    `CREATE TABLE projects (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      description text,
      owner_id integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE teams (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      description text,
      lead_id integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    ...link('project_members', ['project_id', 'projects'], ['user_id', 'users']),
    ...link('team_members', ['team_id', 'teams'], ['user_id', 'users']),
    ...link('team_projects', ['team_id', 'teams'], ['project_id', 'projects']),
    `CREATE TABLE api_keys (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      secret_sha256 text NOT NULL,
      permissions text[] NOT NULL,
      scopes integer[] NOT NULL DEFAULT '{}',
      rate_limit integer,
      enabled boolean NOT NULL DEFAULT true,
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      usage_count bigint NOT NULL DEFAULT 0,
      last_used_at timestamptz,
      window_start timestamptz,
      window_count integer NOT NULL DEFAULT 0
    )`,
    'CREATE INDEX api_keys_user ON api_keys (user_id)',
  ],
};
