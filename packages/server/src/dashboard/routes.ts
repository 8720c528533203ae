import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { login } from '../domain/login.js';
import { projectForRuns } from '../domain/runs-project.js';
import { runRow, testHistory, toRun } from '../domain/runs-read.js';
import { allowed } from '../domain/scope.js';
import { endSession } from '../domain/sessions.js';
import { flakyScore, FLAKY_WINDOW, type OutcomeAt } from './flaky.js';
import { artifactRoutes, artifactSection, securityHeaders } from './artifact-links.js';
import { esc } from './format.js';
import { gatesPages } from './gates-pages.js';
import { knownIssues, linkKnownIssue, recentFailures } from './known-issues.js';
import { BASE, page } from './layout.js';
import { branches, filteredRuns, projectsInScope, recentOutcomes, recentRuns, runTests } from './queries.js';
import { html, signed, type Query } from './pages.js';
import { quarantineEntries, quarantinePages } from './quarantine-pages.js';
import { checkForm, clearSessionCookie, safeNext, setSessionCookie, signedIn } from './session.js';
import { STYLES } from './styles.js';
import { groupFailures } from './triage.js';
import { loginPage } from './views/login.js';
import { projectsPage } from './views/projects.js';
import { runPage } from './views/run.js';
import { quarantineState } from './views/quarantine-state.js';
import { runsPage } from './views/runs.js';
import { testPage } from './views/test.js';
import { trendsPage, type RankedTest } from './views/trends.js';
import { triagePage } from './views/triage.js';

// The dashboard: server-rendered pages under /dashboard, signed in with a session cookie. Pages
// need no script; the stylesheet is one small file. Cookies and form bodies are parsed only inside
// this plugin, so the JSON API keeps accepting bearer tokens and JSON alone.

const PAGE_SIZE = 50;
const OUTCOMES = new Set(['expected', 'unexpected', 'flaky', 'skipped']);
const STATUSES = new Set(['passed', 'failed', 'timedout', 'interrupted']);

const pageNumber = (value: string | undefined): number => Math.min(100_000, Math.max(1, Number.parseInt(value ?? '1', 10) || 1));
const oneOf = <T extends string>(allowed: Set<string>, value: string | undefined): T | undefined => (value !== undefined && allowed.has(value) ? (value as T) : undefined);
const nonEmpty = (value: string | undefined): string | undefined => (value?.trim() ? value.trim().slice(0, 200) : undefined);

function errorPage(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError && error.status === 401) return reply.redirect(`${BASE}/login`, 303);
  const status = error instanceof DomainError ? error.status : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
  if (status >= 500) request.log.error({ err: error }, 'dashboard page failed');
  const message = status >= 500 ? 'Something went wrong; the server log has the cause.' : error.message;
  return html(reply, page({ title: status === 404 ? 'Not found' : 'Refused', body: `<p class="error">${esc(message)}</p><p><a href="${BASE}">All projects</a></p>` }), status);
}

function authRoutes(scope: FastifyInstance, ctx: Context): void {
  scope.get<{ Querystring: Query }>(`${BASE}/login`, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (await signedIn(ctx, request)) return reply.redirect(next, 303);
    return html(reply, loginPage(next));
  });
  scope.post<{ Body: Query }>(`${BASE}/login`, async (request, reply) => {
    checkForm(request, undefined, undefined);
    const next = safeNext(request.body.next);
    try {
      const session = await login(ctx, { username: String(request.body.username ?? ''), password: String(request.body.password ?? ''), ip: request.ip });
      setSessionCookie(request, reply, session.token, session.expires_at);
      return await reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return html(reply, loginPage(next, error.message, String(request.body.username ?? '')), error.status);
    }
  });
  scope.post<{ Body: Query }>(`${BASE}/logout`, async (request, reply) => {
    const session = await signedIn(ctx, request);
    checkForm(request, session, request.body.csrf);
    if (session) await endSession(ctx, session.principal, session.token);
    clearSessionCookie(request, reply);
    return reply.redirect(`${BASE}/login`, 303);
  });
}

async function rankFlaky(ctx: Context, projectId: number): Promise<RankedTest[]> {
  const byKey = new Map<string, { title: string; history: OutcomeAt[] }>();
  for (const row of await recentOutcomes(ctx.db, projectId, FLAKY_WINDOW)) {
    const entry = byKey.get(row.key) ?? { title: row.title, history: [] };
    entry.history.push(row);
    byKey.set(row.key, entry);
  }
  const ranked: RankedTest[] = [];
  for (const [key, { title, history }] of byKey) {
    const score = flakyScore(history);
    if (score) ranked.push({ key, title, ...score });
  }
  return ranked.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, 100);
}

function projectRoutes(scope: FastifyInstance, ctx: Context): void {
  const base = `${BASE}/projects/:project`;
  scope.get(BASE, signed(ctx, async ({ principal }, viewer) => projectsPage(viewer, await projectsInScope(ctx.db, principal))));
  scope.get(base, signed(ctx, async ({ principal }, viewer, { params, query }) => {
    const project = await projectForRuns(ctx, principal, 'runs:read', params.project ?? '');
    const filter = { branch: nonEmpty(query.branch), status: oneOf<'passed'>(STATUSES, query.status) };
    const runs = await filteredRuns(ctx.db, project.id, { page: pageNumber(query.page), page_size: PAGE_SIZE, ...filter });
    return runsPage(viewer, project.name, runs, await branches(ctx.db, project.id), filter);
  }));
  scope.get(`${base}/runs/:run`, signed(ctx, async ({ principal }, viewer, { params, query }) => {
    const project = await projectForRuns(ctx, principal, 'runs:read', params.project ?? '');
    const row = await runRow(ctx.db, project.id, params.run ?? '');
    if (!row) throw new DomainError(404, `no run ${JSON.stringify(params.run)} in ${project.name}`);
    const filter = { outcome: oneOf<'expected'>(OUTCOMES, query.outcome), q: nonEmpty(query.q) };
    const tests = await runTests(ctx.db, row.id, { page: pageNumber(query.page), page_size: PAGE_SIZE, outcome: filter.outcome, search: filter.q });
    const quarantined = new Set((await quarantineEntries(ctx, principal, project.id)).map((entry) => entry.key));
    return runPage(viewer, project.name, toRun(row), tests, filter, await knownIssues(ctx.db, project.id), quarantined);
  }));
  scope.get(`${base}/test`, signed(ctx, async ({ principal }, viewer, request) => {
    const { params, query } = request;
    const project = await projectForRuns(ctx, principal, 'runs:read', params.project ?? '');
    const history = await testHistory(ctx.db, project.id, query.key ?? '', { page: 1, page_size: PAGE_SIZE });
    const newest = history.items[0] && (await runRow(ctx.db, project.id, history.items[0].run.run_id));
    if (!newest) throw new DomainError(404, `no test ${JSON.stringify(query.key ?? '')} in ${project.name}`);
    const quarantine = (await quarantineEntries(ctx, principal, project.id)).find((entry) => entry.key === query.key);
    const artifacts = await artifactSection(ctx, request, newest, history.items[0]?.artifacts ?? []);
    return testPage(viewer, project.name, history, artifacts, quarantineState(viewer, project.name, query.key ?? '', quarantine, allowed(principal, 'quarantine:manage')));
  }));
  scope.get(`${base}/trends`, signed(ctx, async ({ principal }, viewer, { params }) => {
    const project = await projectForRuns(ctx, principal, 'runs:read', params.project ?? '');
    return trendsPage(viewer, project.name, await recentRuns(ctx.db, project.id, 60), await rankFlaky(ctx, project.id));
  }));
}

const TRIAGE_RUNS = 50;

function triageRoutes(scope: FastifyInstance, ctx: Context): void {
  const base = `${BASE}/projects/:project/triage`;
  scope.get(base, signed(ctx, async ({ principal }, viewer, { params }) => {
    const project = await projectForRuns(ctx, principal, 'runs:read', params.project ?? '');
    const { runs, failures } = await recentFailures(ctx.db, project.id, TRIAGE_RUNS);
    const groups = groupFailures(failures, runs);
    const known = await knownIssues(ctx.db, project.id);
    return triagePage(viewer, { project: project.name, runs: runs.length, ...groups, known, canLink: allowed(principal, 'runs:write') });
  }));
  scope.post<{ Params: Query; Body: Query }>(`${base}/known`, async (request, reply) => {
    const session = await signedIn(ctx, request);
    if (!session) throw new DomainError(401, 'sign in first');
    checkForm(request, session, request.body.csrf);
    const project = await projectForRuns(ctx, session.principal, 'runs:read', request.params.project ?? '');
    await linkKnownIssue(ctx, session.principal, project, String(request.body.signature ?? ''), String(request.body.url ?? '').trim());
    return reply.redirect(`${BASE}/projects/${encodeURIComponent(project.name)}/triage`, 303);
  });
}

/** Registers the dashboard's pages on the API's Fastify instance. */
export function dashboardRoutes(app: FastifyInstance, ctx: Context): void {
  void app.register(async (scope) => {
    await scope.register(cookie);
    await scope.register(formbody, { bodyLimit: 16 * 1024 });
    scope.addHook('onSend', async (request, reply) => {
      void reply.headers(securityHeaders(request));
    });
    scope.setErrorHandler(errorPage);
    // Pages are not part of the API: keep them out of the OpenAPI document.
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    scope.get('/', async (_request, reply) => reply.redirect(BASE, 303));
    scope.get(`${BASE}/style.css`, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(STYLES));
    authRoutes(scope, ctx);
    projectRoutes(scope, ctx);
    triageRoutes(scope, ctx);
    artifactRoutes(scope, ctx);
    quarantinePages(scope, ctx);
    gatesPages(scope, ctx);
  });
}
