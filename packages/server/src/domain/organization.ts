import type { PasswordPolicy } from '../options.js';
import type { Context } from './context.js';
import { audit, type Actor } from './audit.js';
import { DomainError } from './errors.js';
import { generatePassword, policyViolations } from './password-policy.js';
import { createUser } from './users.js';

export interface InitRequest {
  organization_name: string;
  domain?: string | undefined;
  admin_username: string;
  /** The first admin's password; generated when absent. */
  admin_password?: string | undefined;
}

export interface InitResult {
  organization_id: number;
  admin_id: number;
  admin_username: string;
  /** Set only when it was generated: the one time anyone sees it. */
  generated_password?: string;
}

/** A first admin password given by the operator meets the policy like any other. */
export function checkAdminPassword(password: string, policy: PasswordPolicy): void {
  const problems = policyViolations(password, policy);
  if (problems.length > 0) throw new DomainError(400, `the admin password does not meet the password policy: ${problems.join('; ')}`, problems);
}

/** Creates the organisation and its first admin, once: a server that has an organisation refuses. */
export async function initOrganization(ctx: Context, request: InitRequest): Promise<InitResult> {
  const given = request.admin_password;
  if (given !== undefined) checkAdminPassword(given, ctx.options.password_policy);
  const password = given ?? generatePassword(ctx.options.password_policy);
  const system: Actor = { id: null, name: 'panoptic server init' };
  return ctx.db.transaction(async (q) => {
    // Two inits at once on one PostgreSQL: the second waits here and then finds the organisation.
    await q.query('LOCK TABLE organizations IN EXCLUSIVE MODE');
    const [existing] = await q.query<{ name: string }>('SELECT name FROM organizations LIMIT 1');
    if (existing) throw new DomainError(409, `the server is already initialised (organisation "${existing.name}"); init runs once`);
    const [org] = await q.query<{ id: number }>('INSERT INTO organizations (name, domain) VALUES ($1, $2) RETURNING id', [request.organization_name, request.domain ?? null]);
    await audit(q, system, { action: 'organization.created', target_type: 'organization', target_id: org!.id, details: { name: request.organization_name } });
    const admin = await createUser(ctx, system, { username: request.admin_username, password, role: 'admin' }, q);
    return { organization_id: org!.id, admin_id: admin.id, admin_username: admin.username, ...(given === undefined ? { generated_password: password } : {}) };
  });
}
