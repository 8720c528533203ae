import type { Migration } from './index.js';

// Runs and their results, as the reporter publishes them. A run is named by the client's run id
// within a project, so the shards of one CI run land in one row; each shard received is a row of
// run_shards, which makes re-sending a shard replace it rather than count it twice. Results are one
// row per test per run, keyed by the test's stable key (project, file, title path), with its
// attempts and artifact links as JSON: they are read with the test, never queried inside.
export const runsResults: Migration = {
  version: 3,
  name: 'runs_results',
  statements: [
    `CREATE TABLE runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      run_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('passed', 'failed', 'timedout', 'interrupted')),
      complete boolean NOT NULL DEFAULT false,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      duration_ms double precision NOT NULL DEFAULT 0,
      branch text,
      commit_sha text,
      ci_url text,
      playwright_version text,
      store text,
      shards_expected integer NOT NULL DEFAULT 1,
      shards_seen integer NOT NULL DEFAULT 0,
      total integer NOT NULL DEFAULT 0,
      expected integer NOT NULL DEFAULT 0,
      unexpected integer NOT NULL DEFAULT 0,
      flaky integer NOT NULL DEFAULT 0,
      skipped integer NOT NULL DEFAULT 0,
      published_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, run_id)
    )`,
    // "The runs of a project, newest first", paged.
    'CREATE INDEX runs_project_newest ON runs (project_id, started_at DESC, id DESC)',
    `CREATE TABLE run_shards (
      run_pk bigint NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      shard integer NOT NULL,
      status text NOT NULL,
      started_at timestamptz NOT NULL,
      duration_ms double precision NOT NULL,
      tests integer NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (run_pk, shard)
    )`,
    `CREATE TABLE results (
      run_pk bigint NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
      project_id integer NOT NULL,
      test_key text NOT NULL,
      title text NOT NULL,
      title_path jsonb NOT NULL,
      test_project text NOT NULL,
      file text NOT NULL,
      line integer NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('expected', 'unexpected', 'flaky', 'skipped')),
      duration_ms double precision NOT NULL,
      error text,
      category text,
      attempts jsonb NOT NULL,
      artifacts jsonb NOT NULL,
      shard_outcomes jsonb NOT NULL,
      PRIMARY KEY (run_pk, test_key)
    )`,
    // "The history of one test" across the project's runs, newest first.
    'CREATE INDEX results_test_history ON results (project_id, test_key, run_pk DESC)',
    'CREATE INDEX results_run_outcome ON results (run_pk, outcome)',
  ],
};
