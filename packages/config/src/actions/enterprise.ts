import { z } from 'zod';
import { ALL_APP_TYPES, artifactFile, defineAction, type ActionDefinition } from './definition.js';

const CAPABILITY = 'enterprise management';

const ids = z.array(z.union([z.string(), z.number()]));
const output = artifactFile.describe('File name of the JSON result inside the output folder.').optional();

/** The enterprise actions read what the original's read; they wait for the server package, so none is required yet. */
function enterprise<S extends z.ZodRawShape>(summary: string, shape: S): ActionDefinition<z.ZodObject<S & { output: typeof output }, z.core.$strict>> {
  return defineAction({ summary, keys: [], parameters: z.strictObject({ ...shape, output }), appTypes: ALL_APP_TYPES, unavailable: CAPABILITY });
}

const enterprise_status = enterprise('Reports the organisation, users, projects and licence usage.', {});
const user_create = enterprise('Creates a user.', {
  username: z.string().optional(),
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  password: z.string().optional(),
  role: z.string().optional(),
  team_ids: ids.optional(),
  project_ids: ids.optional(),
});
const user_authenticate = enterprise('Signs a user in.', { username: z.string().optional(), password: z.string().optional() });
const project_create = enterprise('Creates a project.', {
  name: z.string().optional(),
  description: z.string().optional(),
  owner_id: z.union([z.string(), z.number()]).optional(),
  team_ids: ids.optional(),
  member_ids: ids.optional(),
});
const team_create = enterprise('Creates a team.', {
  name: z.string().optional(),
  description: z.string().optional(),
  lead_id: z.union([z.string(), z.number()]).optional(),
  member_ids: ids.optional(),
  project_ids: ids.optional(),
});
const api_key_create = enterprise('Creates an API key.', {
  user_id: z.union([z.string(), z.number()]).optional(),
  name: z.string().optional(),
  permissions: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  rate_limit: z.number().int().nonnegative().optional(),
  enabled: z.boolean().optional(),
});
const audit_report = enterprise('Lists audit events.', {
  page: z.number().int().positive().optional(),
  page_size: z.number().int().positive().optional(),
  user_id: z.union([z.string(), z.number()]).optional(),
  action: z.string().optional(),
  severity: z.string().optional(),
});
const compliance_check = enterprise('Checks the configuration and data against compliance standards.', {
  standards: z.array(z.string()).optional(),
});
const license_info = enterprise('Reports the licence and its usage.', {});
const backup_data = enterprise('Backs the data up.', { type: z.string().optional() });
const cleanup_data = enterprise('Deletes data past its retention.', {
  dry_run: z.boolean().optional(),
  include_audit: z.boolean().optional(),
  include_data: z.boolean().optional(),
});

export const ENTERPRISE_ACTIONS = { enterprise_status, user_create, user_authenticate, project_create, team_create, api_key_create, audit_report, compliance_check, license_info, backup_data, cleanup_data };
