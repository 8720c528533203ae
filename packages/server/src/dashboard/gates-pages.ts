import type { FastifyInstance } from 'fastify';
import type { Context } from '../domain/context.js';
import { getGates, setGates } from '../domain/gates.js';
import { allowed } from '../domain/scope.js';
import { gatesFromForm } from './forms.js';
import { BASE } from './layout.js';
import { posted, signed, type Query } from './pages.js';
import { gatesPage } from './views/gates.js';
import { projectPath } from './views/projects.js';

// A project's quality gates in the dashboard: read by whoever reads its runs, changed by gates:manage,
// through the domain functions the API routes call (same checks, same messages, same audit).

const TEXT = { type: 'string', maxLength: 200 } as const;
const BODY = { type: 'object', properties: { csrf: TEXT, min_pass_rate: TEXT, max_new_failures: TEXT, max_flaky_rate: TEXT, max_duration: TEXT } } as const;

export function gatesPages(scope: FastifyInstance, ctx: Context): void {
  const base = `${BASE}/projects/:project/gates`;
  scope.get(base, signed(ctx, async ({ principal }, viewer, { params }) => gatesPage(viewer, await getGates(ctx, principal, params.project ?? ''), allowed(principal, 'gates:manage'))));
  scope.post<{ Params: Query; Body: Query }>(base, { schema: { body: BODY } }, posted(ctx, async (principal, body, params) => {
    const entry = await setGates(ctx, principal, params.project ?? '', gatesFromForm(body));
    return `${projectPath(entry.project)}/gates`;
  }));
}
