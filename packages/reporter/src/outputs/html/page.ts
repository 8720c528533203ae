import { createHash } from 'node:crypto';
import type { RenderContext } from './context.js';
import { esc } from './escape.js';
import { formatCount, plural } from './format.js';
import { SCRIPT } from './script.js';
import { artifacts } from './sections/artifacts.js';
import { histogram, slowest } from './sections/durations.js';
import { failures } from './sections/failures.js';
import { flaky, history } from './sections/flaky.js';
import { gallery } from './sections/gallery.js';
import { healed } from './sections/healed.js';
import { apps, projects } from './sections/groups.js';
import { header } from './sections/header.js';
import { overview } from './sections/overview.js';
import { runErrors, warnings } from './sections/problems.js';
import { tests } from './sections/tests.js';
import { trends } from './sections/trends.js';
import { STYLES } from './styles.js';
import { gatesSection } from '../../gates-render.js';

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Only this page's own style and script may run, and it loads only files next to it: a test title
 * that slipped past escaping still could not execute or reach the network.
 */
const CSP = [
  "default-src 'none'",
  "img-src 'self' data:",
  "media-src 'self'",
  `style-src ${hash(STYLES)}`,
  `script-src ${hash(SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const ICON_COLOUR = { passed: '#1a7f37', failed: '#cf222e', timedout: '#bc4c00', interrupted: '#8250df' } as const;

/** A dot in the run's colour, inline: tabs tell runs apart, and no favicon request fails when served. */
function icon(ctx: RenderContext): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${ICON_COLOUR[ctx.summary.run.status]}"/></svg>`;
  return `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(svg)}">`;
}

function title(ctx: RenderContext): string {
  const { totals, run } = ctx.summary;
  const parts = [plural(totals.total, 'test')];
  if (totals.failed) parts.push(`${formatCount(totals.failed)} failed`);
  if (totals.flaky) parts.push(`${formatCount(totals.flaky)} flaky`);
  return `Panoptic report · ${run.status} · ${parts.join(', ')}`;
}

/** Sections in reading order: what went wrong first, then where time went, then the inventory. */
const SECTIONS: { id: string; title: string; render: (ctx: RenderContext) => string }[] = [
  { id: 'overview', title: 'Outcomes', render: overview },
  { id: 'gates', title: 'Gates', render: gatesSection },
  { id: 'run-errors', title: 'Run errors', render: runErrors },
  { id: 'failures', title: 'Failures', render: failures },
  { id: 'flaky', title: 'Flaky', render: flaky },
  { id: 'healed', title: 'Healed', render: healed },
  { id: 'history', title: 'Changes', render: history },
  { id: 'trends', title: 'Trends', render: trends },
  { id: 'projects', title: 'Projects', render: projects },
  { id: 'apps', title: 'Apps', render: apps },
  { id: 'durations', title: 'Durations', render: histogram },
  { id: 'slowest', title: 'Slowest', render: slowest },
  { id: 'tests', title: 'All tests', render: tests },
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
    icon(ctx),
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
