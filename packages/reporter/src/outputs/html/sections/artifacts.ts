import type { ArtifactKind } from '../../../summary.js';
import type { RenderContext } from '../context.js';
import { formatBytes, formatCount } from '../format.js';
import { section } from '../parts.js';

const KIND_TITLE: Record<ArtifactKind, string> = { screenshot: 'Screenshots', video: 'Videos', trace: 'Traces', other: 'Other attachments' };

export function artifacts(ctx: RenderContext): string {
  const totals = ctx.summary.artifacts;
  const kinds = Object.keys(KIND_TITLE) as ArtifactKind[];
  const rows = kinds.map((kind) => `<tr><th scope="row">${KIND_TITLE[kind]}</th><td class="num">${formatCount(totals[kind].count)}</td><td class="num">${formatBytes(totals[kind].bytes)}</td></tr>`);
  const all = kinds.reduce((sum, kind) => ({ count: sum.count + totals[kind].count, bytes: sum.bytes + totals[kind].bytes }), { count: 0, bytes: 0 });
  const table = `<div class="table-wrap narrow"><table><thead><tr><th scope="col">Kind</th><th scope="col" class="num">Files</th><th scope="col" class="num">Size</th></tr></thead><tbody>${rows.join('')}</tbody><tfoot><tr><th scope="row">All</th><td class="num">${formatCount(all.count)}</td><td class="num">${formatBytes(all.bytes)}</td></tr></tfoot></table></div>`;
  const note = `<p class="muted">The ${formatCount(ctx.copied)} files this page shows are copied next to it, in <code>data/</code>.</p>`;
  return section('artifacts', 'Artifacts', table + note, 'Everything the tests attached, over all attempts.');
}
