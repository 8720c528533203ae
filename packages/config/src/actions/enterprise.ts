import { z } from 'zod';
import { ALL_APP_TYPES, artifactFile, defineAction, type ActionDefinition } from './definition.js';

const ref = z.union([z.string().min(1), z.number().int().positive()]);
const ids = z.array(ref);
const output = artifactFile.describe('File name of the JSON result inside the output folder.').optional();

/**
 * The enterprise actions work on the database in `settings.enterprise.storage_path` or the server at
 * `server_url`. Users, projects and teams are referred to by id or by name (username for users).
 */
function enterprise<S extends z.ZodRawShape>(summary: string, shape: S): ActionDefinition<z.ZodObject<S & { output: typeof output }, z.core.$strict>> {
  return defineAction({ summary, keys: [], parameters: z.strictObject({ ...shape, output }), appTypes: ALL_APP_TYPES });
}

const enterprise_status = enterprise('Reports the organisation and the counts of users, projects, teams and API keys against the limits.', {});
const user_create = enterprise('Creates a user.', {
  username: z.string().min(1),
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  password: z.string().min(1),
  role: z.string().optional(),
  team_ids: ids.optional(),
  project_ids: ids.optional(),
});
const user_authenticate = enterprise('Signs a user in.', { username: z.string().min(1), password: z.string().min(1) });
const project_create = enterprise('Creates a project.', {
  name: z.string().min(1),
  description: z.string().optional(),
  owner_id: ref.optional(),
  team_ids: ids.optional(),
  member_ids: ids.optional(),
});
const team_create = enterprise('Creates a team.', {
  name: z.string().min(1),
  description: z.string().optional(),
  lead_id: ref.optional(),
  member_ids: ids.optional(),
  project_ids: ids.optional(),
});
const api_key_create = enterprise('Creates an API key.', {
  user_id: ref.optional(),
  name: z.string().min(1),
  permissions: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  rate_limit: z.number().int().nonnegative().optional(),
  enabled: z.boolean().optional(),
});
const audit_report = enterprise('Lists audit events, newest first, one page of them.', {
  page: z.number().int().positive().optional(),
  page_size: z.number().int().positive().optional(),
  user_id: ref.optional(),
  action: z.string().optional(),
  severity: z.string().optional(),
});
const compliance_check = enterprise('Computes compliance findings, with evidence, from the configuration and data (standards: default settings.enterprise.compliance.standards).', {
  standards: z.array(z.string()).optional(),
});
const license_info = enterprise('Reports the licence (never its key), whether its signature was verified, and usage against its limits.', {});
const backup_data = enterprise('Writes a consistent, compressed dump of the database to settings.enterprise.backup_config.locations.', {
  type: z.string().describe('full (the default): the only kind there is, one consistent dump; others are refused when played.').optional(),
});
const cleanup_data = enterprise('Deletes data past compliance.data_retention (and audit entries past audit_retention with include_audit); dry_run only counts.', {
  dry_run: z.boolean().optional(),
  include_audit: z.boolean().optional(),
  include_data: z.boolean().optional(),
});

export const ENTERPRISE_ACTIONS = { enterprise_status, user_create, user_authenticate, project_create, team_create, api_key_create, audit_report, compliance_check, license_info, backup_data, cleanup_data };
