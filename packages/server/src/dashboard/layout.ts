import { esc } from './format.js';

export interface Viewer {
  name: string;
  role: string;
  /** The form token the logout (and any later state-changing) form carries. */
  csrf: string;
}

export interface PageParts {
  title: string;
  /** Links above the heading, outermost first: [label, href]. */
  crumbs?: readonly (readonly [string, string])[];
  viewer?: Viewer | undefined;
  body: string;
}

export const BASE = '/dashboard';

function header(viewer: Viewer | undefined): string {
  if (!viewer) return '';
  return `<header class="top"><a class="brand" href="${BASE}">Panoptic</a><span class="who">${esc(viewer.name)} (${esc(viewer.role)})</span>
<form method="post" action="${BASE}/logout"><input type="hidden" name="csrf" value="${esc(viewer.csrf)}"><button type="submit">Log out</button></form></header>`;
}

function crumbs(items: PageParts['crumbs']): string {
  if (!items?.length) return '';
  return `<nav class="crumbs" aria-label="Breadcrumb"><ol>${items.map(([label, link]) => `<li><a href="${esc(link)}">${esc(label)}</a></li>`).join('')}</ol></nav>`;
}

/** A whole page: one stylesheet, no script, so it is usable as soon as the HTML arrives. */
export function page(parts: PageParts): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(parts.title)} · Panoptic</title><link rel="stylesheet" href="${BASE}/style.css"></head>
<body>${header(parts.viewer)}<main>${crumbs(parts.crumbs)}<h1>${esc(parts.title)}</h1>
${parts.body}</main></body></html>`;
}
