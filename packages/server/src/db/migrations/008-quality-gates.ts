import type { Migration } from './index.js';

// Quality gates per project, and their verdicts on runs. One row per project: the gate values as
// columns (null: that gate is off), in the units the reporter's settings use (percent, tests,
// seconds). A run's verdicts are stored with it when it is complete, as the model's GatesResult, so
// the publish response, the API and the dashboard show the same numbers the notification sent.
export const qualityGates: Migration = {
  version: 8,
  name: 'quality_gates',
  statements: [
    `CREATE TABLE project_gates (
      project_id integer PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      min_pass_rate double precision CHECK (min_pass_rate BETWEEN 0 AND 100),
      max_new_failures integer CHECK (max_new_failures >= 0),
      max_flaky_rate double precision CHECK (max_flaky_rate BETWEEN 0 AND 100),
      max_duration_s double precision CHECK (max_duration_s >= 0),
      updated_by integer REFERENCES users(id) ON DELETE SET NULL,
      updated_by_name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    'ALTER TABLE runs ADD COLUMN gates jsonb',
  ],
};
