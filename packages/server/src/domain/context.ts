import type { ArtifactStore } from '../dashboard/artifact-store.js';
import type { Database } from '../db/database.js';
import type { ServerOptions } from '../options.js';
import type { RunPublishedListener } from './runs-events.js';

/** What the domain functions work with: the database and the validated options. */
export interface Context {
  db: Database;
  options: ServerOptions;
  /** Called after each run publish (runs-events.ts: onRunPublished). */
  runListeners?: RunPublishedListener[];
  /** The store the reporter uploads artifacts to, when the server knows it: test pages link into it. */
  artifacts?: ArtifactStore;
}
