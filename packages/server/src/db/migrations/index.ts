import { initial } from './001-initial.js';
import { projectsTeamsKeys } from './002-projects-teams-keys.js';
import { runsResults } from './003-runs-results.js';
import { webhooks } from './004-webhooks.js';
import { oidcIdleSessions } from './005-oidc-idle-sessions.js';
import { quarantine } from './006-quarantine.js';
import { knownIssues } from './007-known-issues.js';
import { qualityGates } from './008-quality-gates.js';
import { cacheNotify } from './009-cache-notify.js';
import { artifactFolders } from './010-artifact-folders.js';

export interface Migration {
  /** Applied in this order; never renumber or edit one that has shipped: add the next. */
  version: number;
  name: string;
  /** One statement each: both drivers take one statement per parameterised query. */
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [initial, projectsTeamsKeys, runsResults, webhooks, oidcIdleSessions, quarantine, knownIssues, qualityGates, cacheNotify, artifactFolders];
