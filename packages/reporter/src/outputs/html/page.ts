import { createHash } from 'node:crypto';
import type { RenderContext } from './context.js';
import { esc } from './escape.js';
import { formatCount } from './format.js';
import { SCRIPT } from './script.js';
import { artifacts } from './sections/artifacts.js';
import { histogram, slowest } from './sections/durations.js';
import { failures } from './sections/failures.js';
import { flaky, history } from './sections/flaky.js';
import { gallery } from './sections/gallery.js';
import { apps, projects } from './sections/groups.js';
import { header } from './sections/header.js';
import { overview } from './sections/overview.js';
import { runErrors, warnings } from './sections/problems.js';
import { STYLES } from './styles.js';

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Only this page's own style and script may run, and it loads only files next to it: a test title
 * that slipped past escaping still could not execute or reach the network.
 */
const CSP = [
  "default-src 'none'",
  "img-src 'self'",
  "media-src 'self'",
  `style-src ${hash(STYLES)}`,
  `script-src ${hash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function title(ctx: RenderContext): string {
  const { totals, run } = ctx.summary;
  const parts = [`${formatCount(totals.total)} tests`];
  if (totals.failed) parts.push(`${formatCount(totals.failed)} failed`);
  if (totals.flaky) parts.push(`${formatCount(totals.flaky)} flaky`);
  return `Panoptic report · ${run.status} · ${parts.join(', ')}`;
}

/** Sections in reading order: what went wrong first, then where time went, then the inventory. */
const SECTIONS: { id: string; title: string; render: (ctx: RenderContext) => string }[] = [
  { id: 'overview', title: 'Outcomes', render: overview },
  { id: 'run-errors', title: 'Run errors', render: runErrors },
  { id: 'failures', title: 'Failures', render: failures },
  { id: 'flaky', title: 'Flaky', render: flaky },
  { id: 'history', title: 'Changes', render: history },
  { id: 'projects', title: 'Projects', render: projects },
  { id: 'apps', title: 'Apps', render: apps },
  { id: 'durations', title: 'Durations', render: histogram },
  { id: 'slowest', title: 'Slowest', render: slowest },
  { id: 'screenshots', title: 'Screenshots', render: gallery },
  { id: 'artifacts', title: 'Artifacts', render: artifacts },
  { id: 'warnings', title: 'Warnings', render: warnings },
];

export function renderPage(ctx: RenderContext): string {
  const rendered = SECTIONS.map((entry) => ({ ...entry, html: entry.render(ctx) })).filter((entry) => entry.html);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title(ctx))}</title>`,
    `<style>${STYLES}</style>`,
    '</head>',
    '<body>',
    header(ctx, rendered),
    '<main>',
    ...rendered.map((entry) => entry.html),
    `<footer>Panoptic summary v${esc(ctx.summary.version)}</footer>`,
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
