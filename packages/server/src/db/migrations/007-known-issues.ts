import type { Migration } from './index.js';

// Known issues: a failure signature of a project (the normalised error line the dashboard's triage
// groups by) linked to an issue URL, so later failures with it show as known. One link per
// signature and project; linking again replaces the URL.
export const knownIssues: Migration = {
  version: 7,
  name: 'known_issues',
  statements: [
    `CREATE TABLE known_issues (
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      signature text NOT NULL,
      issue_url text NOT NULL,
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, signature)
    )`,
  ],
};
