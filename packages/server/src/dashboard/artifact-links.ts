import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from '../domain/context.js';
import { DomainError } from '../domain/errors.js';
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

/** The link a page may show for one artifact: into the server's store when the run stored it there, else the reporter's http(s) link. */
async function shown(ctx: Context, store: string | null, artifact: StoredArtifact): Promise<ShownArtifact> {
  const link = artifact.key && ctx.artifacts ? await ctx.artifacts.link(store, artifact.key) : undefined;
  if (link) return { ...artifact, link, stored: true };
  return { ...artifact, link: artifact.url && /^https?:\/\//.test(artifact.url) ? artifact.url : undefined };
}

/** The artifacts table of a test's page, with fresh links; the page's CSP then lets its images load. */
export async function artifactSection(ctx: Context, request: FastifyRequest, store: string | null, artifacts: readonly StoredArtifact[]): Promise<string> {
  const rows = await Promise.all(artifacts.map((artifact) => shown(ctx, store, artifact)));
  const origins = new Set<string>();
  for (const artifact of rows) {
    if (!artifact.stored || !artifact.link || !INLINE_IMAGES.has(artifact.content_type)) continue;
    const url = new URL(artifact.link, originOf(request));
    if (url.origin !== originOf(request)) origins.add(url.origin);
  }
  imageOrigins.set(request, origins);
  return artifactTable(store, rows, originOf(request), ctx.artifacts?.linkSeconds);
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
