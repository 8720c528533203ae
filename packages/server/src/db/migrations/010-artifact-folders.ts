import type { Migration } from './index.js';

// The store folder (`<store prefix>/<store project>/`) each project's runs name artifact keys in,
// bound to the first project that published one there (domain/runs-artifact-folders.ts). Deleting
// the project frees its folders.
export const artifactFolders: Migration = {
  version: 10,
  name: 'artifact_folders',
  statements: [
    `CREATE TABLE artifact_folders (
      folder text PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      bound_at timestamptz NOT NULL DEFAULT now()
    )`,
    'CREATE INDEX artifact_folders_project ON artifact_folders (project_id)',
  ],
};
