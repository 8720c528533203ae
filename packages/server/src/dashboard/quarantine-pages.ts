import type { FastifyInstance } from 'fastify';
import type { Context } from '../domain/context.js';
import { listQuarantine, quarantineTest, unquarantineTest, type QuarantineEntry } from '../domain/quarantine.js';
import type { Principal } from '../domain/users.js';
import { expiryFromForm } from './forms.js';
import { BASE } from './layout.js';
import { posted, signed, type Query } from './pages.js';
import { quarantinePage } from './views/quarantine.js';
import { testPath } from './views/run.js';

// Quarantine in the dashboard: the project's list, and the forms on a test's page. Reading and
// changing go through the domain functions the API routes call, so the permission (quarantine:manage
// to change, runs:read to read), the scope rule, the checks and the audit are the same through both.

const TEXT = { type: 'string', maxLength: 200 } as const;
const KEY = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const form = (properties: Record<string, object>) => ({ schema: { body: { type: 'object', properties: { csrf: TEXT, ...properties }, required: Object.keys(properties) } } });

/** The project's quarantined tests that have not expired, for a project the caller has already resolved. */
export async function quarantineEntries(ctx: Context, principal: Principal, projectId: number): Promise<QuarantineEntry[]> {
  return (await listQuarantine(ctx, principal, String(projectId))).items;
}

export function quarantinePages(scope: FastifyInstance, ctx: Context): void {
  const base = `${BASE}/projects/:project/quarantine`;
  scope.get(base, signed(ctx, async ({ principal }, viewer, { params }) => {
    const { project, items } = await listQuarantine(ctx, principal, params.project ?? '');
    return quarantinePage(viewer, project, items);
  }));
  scope.post<{ Params: Query; Body: Query }>(base, form({ key: KEY, reason: { type: 'string', minLength: 1, maxLength: 2000 }, until: TEXT }), posted(ctx, async (principal, body, params) => {
    const key = body.key ?? '';
    await quarantineTest(ctx, principal, params.project ?? '', { key, reason: body.reason ?? '', expires_at: expiryFromForm(body.until ?? '') });
    return testPath(params.project ?? '', key);
  }));
  scope.post<{ Params: Query; Body: Query }>(`${base}/release`, form({ key: KEY }), posted(ctx, async (principal, body, params) => {
    await unquarantineTest(ctx, principal, params.project ?? '', body.key ?? '');
    return testPath(params.project ?? '', body.key ?? '');
  }));
}
