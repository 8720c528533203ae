import { escapeHtml } from './http.mjs';

/** Every page, in the order the navigation shows them. */
export const NAV_ITEMS = [
  { path: '/', slug: 'home', label: 'Home' },
  { path: '/login', slug: 'login', label: 'Login' },
  { path: '/dashboard', slug: 'dashboard', label: 'Dashboard' },
  { path: '/form', slug: 'form', label: 'Form' },
  { path: '/slow?ms=1500', slug: 'slow', label: 'Slow page' },
  { path: '/error', slug: 'error', label: 'Error page' },
  { path: '/image', slug: 'image', label: 'Image' },
];

const STYLES = `
:root {
  --bg: #f4f6fb; --surface: #fff; --text: #1c2333; --muted: #5b6478; --border: #dde2ec;
  --brand: #4f46e5; --brand-dark: #3730a3; --danger: #b42318; --danger-bg: #fef3f2;
  --success: #067647; --success-bg: #ecfdf3; --radius: 10px;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--brand); }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
.site-header { background: #111827; color: #fff; }
.site-header .inner {
  max-width: 980px; margin: 0 auto; padding: .75rem 1.25rem;
  display: flex; align-items: center; gap: 1.5rem; flex-wrap: wrap;
}
.brand { display: flex; align-items: center; gap: .5rem; color: #fff; font-weight: 700; text-decoration: none; }
.brand img { width: 28px; height: 28px; }
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; }
.site-nav a {
  display: block; padding: .35rem .7rem; border-radius: 6px; color: #cbd5e1; text-decoration: none; font-size: .93rem;
}
.site-nav a:hover { background: #1f2937; color: #fff; }
.site-nav a[aria-current="page"] { background: var(--brand); color: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 .5rem; letter-spacing: -.01em; }
h2 { font-size: 1.15rem; margin: 0 0 .35rem; }
.lead { color: var(--muted); margin: 0 0 1.75rem; font-size: 1.05rem; }
.card {
  background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
  padding: 1.5rem; box-shadow: 0 1px 2px rgba(16, 24, 40, .05);
}
.narrow { max-width: 440px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 1rem; }
.grid .card p { color: var(--muted); margin: 0 0 .75rem; }
.field { margin-bottom: 1.1rem; }
.field label, .field .label { display: block; font-weight: 600; margin-bottom: .3rem; }
.field .hint { color: var(--muted); font-size: .88rem; margin: .2rem 0 0; }
input[type=text], input[type=password], input[type=email], input[type=number], select, textarea {
  width: 100%; padding: .6rem .75rem; border: 1px solid #c5cbd8; border-radius: 8px;
  font: inherit; background: #fff; color: inherit;
}
textarea { min-height: 6rem; resize: vertical; }
input:focus, select:focus, textarea:focus { outline: 3px solid #c7d2fe; border-color: var(--brand); }
[aria-invalid="true"] { border-color: var(--danger) !important; }
.field label.check { display: flex; align-items: center; gap: .5rem; font-weight: 600; }
.check input { width: 1.1rem; height: 1.1rem; }
.button {
  display: inline-block; border: 0; border-radius: 8px; padding: .65rem 1.3rem; cursor: pointer;
  background: var(--brand); color: #fff; font: inherit; font-weight: 600; text-decoration: none;
}
.button:hover { background: var(--brand-dark); }
.button.secondary { background: #fff; color: var(--text); border: 1px solid var(--border); }
.button.secondary:hover { background: #f1f3f8; }
.alert {
  border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1.1rem;
  background: var(--danger-bg); color: var(--danger); border: 1px solid #fecdca; font-weight: 600;
}
.field-error { color: var(--danger); font-size: .88rem; font-weight: 600; margin: .3rem 0 0; }
.success {
  border-radius: var(--radius); padding: 1rem 1.25rem; margin-bottom: 1.25rem;
  background: var(--success-bg); color: var(--success); border: 1px solid #abefc6; font-size: 1.25rem; font-weight: 700;
}
.info { background: #eef2ff; color: #3730a3; border: 1px solid #c7d2fe; border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1.1rem; }
table { width: 100%; border-collapse: collapse; background: var(--surface); }
caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: 0 0 .6rem; }
th, td { text-align: left; padding: .7rem .9rem; border-bottom: 1px solid var(--border); }
th { background: #f8fafc; font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: .1rem .6rem; border-radius: 999px; font-size: .82rem; font-weight: 600; }
.badge.shipped { background: #ecfdf3; color: #067647; }
.badge.processing { background: #eff8ff; color: #175cd3; }
.badge.pending { background: #fffaeb; color: #b54708; }
.badge.cancelled { background: #f2f4f7; color: #475467; }
.stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; margin-bottom: 1.5rem; }
.stat .value { font-size: 1.6rem; font-weight: 700; }
.stat .label { color: var(--muted); font-size: .9rem; }
.toolbar { display: flex; justify-content: space-between; align-items: center; gap: 1rem; margin-bottom: 1.5rem; }
.status-row { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: 1.25rem; }
.pill { border: 1px solid var(--border); background: var(--surface); border-radius: 999px; padding: .35rem .9rem; font-weight: 600; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1.25rem; margin: 0 0 1.25rem; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; }
code { background: #eef1f7; padding: .1rem .35rem; border-radius: 4px; font-size: .92em; }
footer { max-width: 980px; margin: 0 auto; padding: 0 1.25rem 2rem; color: var(--muted); font-size: .85rem; }
`;

/**
 * @param {{ title: string, active?: string, body: string, script?: string }} page
 *   `active` is a NAV_ITEMS slug; `script` is inline JavaScript run at the end of the body.
 */
export function layout({ title, active, body, script }) {
  const nav = NAV_ITEMS.map(
    (item) =>
      `<li><a href="${escapeHtml(item.path)}" data-testid="nav-${item.slug}"${
        item.slug === active ? ' aria-current="page"' : ''
      }>${escapeHtml(item.label)}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Panoptic Demo</title>
<link rel="icon" href="/logo.svg" type="image/svg+xml">
<style>${STYLES}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="inner">
    <a class="brand" href="/"><img src="/logo.svg" alt="" width="28" height="28">Panoptic</a>
    <nav class="site-nav" aria-label="Main"><ul>${nav}</ul></nav>
  </div>
</header>
<main id="main">
${body}
</main>
<footer>A small app for Panoptic's demo and tests. Demo credentials: <code>demo</code> / <code>secret</code>.</footer>
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}
