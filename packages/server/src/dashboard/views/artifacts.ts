import type { StoredArtifact } from '../../domain/runs-merge.js';
import { esc, num, table } from '../format.js';

/**
 * An artifact with the link the page may show: `stored`, a short-lived link into the store; else the
 * reporter's own http(s) link, shown as a plain link (never loaded by the page: a publisher must not
 * make every viewer's browser fetch an address it chose).
 */
export type ShownArtifact = StoredArtifact & { link?: string | undefined; stored?: boolean };

/** Raster images show in the page; the same set the artifact route serves inline. */
export const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const TRACE_VIEWER = 'https://trace.playwright.dev';

/**
 * The trace viewer loads a trace from an absolute address the browser can reach, as the HTML
 * report's link does; `origin` makes a served link absolute.
 */
function traceViewerLink(link: string, origin: string): string {
  return `${TRACE_VIEWER}/?trace=${encodeURIComponent(new URL(link, origin).href)}`;
}

function linked(artifact: ShownArtifact, link: string, origin: string): string {
  const name = esc(artifact.name);
  if (!artifact.stored) return `<a href="${esc(link)}" rel="noopener noreferrer">${name}</a>`;
  if (INLINE_IMAGES.has(artifact.content_type)) {
    return `<a href="${esc(link)}">${name}</a><br><img src="${esc(link)}" alt="${esc(`Preview of ${artifact.name}`)}" width="320" loading="lazy">`;
  }
  if (artifact.kind === 'trace') {
    return `<a href="${esc(link)}" download>${name}</a> · <a href="${esc(traceViewerLink(link, origin))}" rel="noopener noreferrer">open in the trace viewer</a>`;
  }
  return `<a href="${esc(link)}" download>${name}</a>`;
}

/**
 * The newest result's artifacts, each attempt's by its retry: images inline, traces to download or
 * open in Playwright's trace viewer, the rest to download. An artifact kept in a store this server
 * cannot reach is named with the store and key, so a reader knows where it is.
 */
export function artifactTable(store: string | null, artifacts: readonly ShownArtifact[], origin: string, linkSeconds: number | undefined): string {
  const rows = artifacts.map((artifact) => {
    const where = artifact.link
      ? linked(artifact, artifact.link, origin)
      : `${esc(artifact.name)}${artifact.key ? ` <span class="note">(in the store${store ? ` ${esc(store)}` : ''} at <code>${esc(artifact.key)}</code>)</span>` : ''}`;
    return `<tr><td>${where}</td><td>${esc(artifact.kind)}</td><td class="num">${artifact.retry}</td></tr>`;
  });
  const lifetime = linkSeconds && artifacts.some((artifact) => artifact.stored) ? `<p class="note">Links into the store work for ${Math.round(linkSeconds / 60) || 1} min; reload the page for new ones.</p>` : '';
  return `${table('Artifacts of the newest result, by attempt', ['Artifact', 'Kind', num('Retry')], rows, 'No artifact was kept.')}${lifetime}`;
}
