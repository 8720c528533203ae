import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
import { boundArtifactFolders, folderOfKey } from '../domain/runs-artifact-folders.js';
import type { StoredArtifact } from '../domain/runs-merge.js';
import { BASE } from './layout.js';
import { artifactTable, INLINE_IMAGES, TRACE_VIEWER, type ShownArtifact } from './views/artifacts.js';

// A test's artifacts on its page, each with a short-lived link into the store (artifact-store.ts),
// and the route that answers the links the server serves itself.

const BASE_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Origins a page's inline images come from (a store's signed links), by request, for its CSP. */
const imageOrigins = new WeakMap<FastifyRequest, Set<string>>();

/** The dashboard's headers for a reply to `request`: images from this server, and from the stores its page links to. */
export function securityHeaders(request: FastifyRequest): Record<string, string> {
  const stores = [...(imageOrigins.get(request) ?? [])];
  return {
    'content-security-policy': `${BASE_CSP}; img-src 'self' data:${stores.map((origin) => ` ${origin}`).join('')}`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

/** Where the browser reached this server, for links that must be absolute. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The run a test's page shows the artifacts of: its store, its id and its project. */
export interface ArtifactRun {
  store: string | null;
  run_id: string;
  project_id: number;
}

/**
 * The link a page may show for one artifact: into the server's store when the run stored it there
 * and the key's folder is bound to the page's project (runs stored before that rule may name any
 * key), else the reporter's http(s) link.
 */
async function shown(ctx: Context, run: ArtifactRun, bound: ReadonlySet<string>, artifact: StoredArtifact): Promise<ShownArtifact> {
  const folder = artifact.key ? folderOfKey(artifact.key, run.run_id) : undefined;
  const link = artifact.key && folder && bound.has(folder) && ctx.artifacts ? await ctx.artifacts.link(run.store, artifact.key) : undefined;
  if (link) return { ...artifact, link, stored: true };
  return { ...artifact, link: artifact.url && /^https?:\/\//.test(artifact.url) ? artifact.url : undefined };
}

/** The artifacts table of a test's page, with fresh links; the page's CSP then lets its images load. */
export async function artifactSection(ctx: Context, request: FastifyRequest, run: ArtifactRun, artifacts: readonly StoredArtifact[]): Promise<string> {
  const folders = new Set(artifacts.map((artifact) => artifact.key && folderOfKey(artifact.key, run.run_id)).filter((folder): folder is string => Boolean(folder)));
  const bound = ctx.artifacts ? await boundArtifactFolders(ctx.db, run.project_id, [...folders]) : new Set<string>();
  const rows = await Promise.all(artifacts.map((artifact) => shown(ctx, run, bound, artifact)));
  const origins = new Set<string>();
  for (const artifact of rows) {
    if (!artifact.stored || !artifact.link || !INLINE_IMAGES.has(artifact.content_type)) continue;
    const url = new URL(artifact.link, originOf(request));
    if (url.origin !== originOf(request)) origins.add(url.origin);
  }
  imageOrigins.set(request, origins);
  return artifactTable(run.store, rows, originOf(request), ctx.artifacts?.linkSeconds);
}

/**
 * GET /dashboard/artifact?t=<token>: the object the token names, while the token is valid. Raster
 * images open inline; anything else downloads, so a stored HTML or SVG file never runs as this
 * site (and the CSP forbids scripts anyway).
 */
export function artifactRoutes(scope: FastifyInstance, ctx: Context): void {
  scope.get<{ Querystring: { t?: string } }>(`${BASE}/artifact`, async (request, reply) => {
    if (!ctx.artifacts) throw new DomainError(404, 'this server has no artifact store: start it with --suite naming the settings.cloud the reporter uploads with');
    const artifact = await ctx.artifacts.open(request.query.t ?? '');
    const inline = INLINE_IMAGES.has(artifact.contentType);
    const name = encodeURIComponent(path.posix.basename(artifact.key));
    return reply
      .header('cache-control', `private, max-age=${Math.max(0, artifact.expiresAt - Math.floor(Date.now() / 1000))}`)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`)
      // Playwright's trace viewer fetches the trace from its own page.
      .header('access-control-allow-origin', TRACE_VIEWER)
      .type(artifact.contentType)
      .send(artifact.body);
  });
}
