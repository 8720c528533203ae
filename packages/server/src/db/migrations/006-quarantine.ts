import type { Migration } from './index.js';

// Quarantined tests: a test of a project (by the stable key runs and results use: project › file ›
// title path) whose failures do not fail the build until its expiry. One row per test and project:
// quarantining again replaces the reason and the expiry. Who did it is kept by name too, so the
// list still says it after the user is deleted.
export const quarantine: Migration = {
  version: 6,
  name: 'quarantine',
  statements: [
    `CREATE TABLE quarantine (
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      test_key text NOT NULL,
      reason text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, test_key)
    )`,
    // The list a run fetches: a project's entries that have not expired.
    'CREATE INDEX quarantine_project_expiry ON quarantine (project_id, expires_at)',
  ],
};
