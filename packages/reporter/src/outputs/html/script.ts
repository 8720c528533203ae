/**
 * The page's only script; the page reads fully without it.
 * - A trace viewer link needs the trace's absolute http(s) address, known only where the page is
 *   served; opened from disk, the page shows the show-trace command alone.
 * - The list of all tests is filtered and sorted here, on the rows' data attributes: every value
 *   is compared, never parsed as HTML.
 */
export const SCRIPT = `
if (/^https?:$/.test(location.protocol)) {
  for (const link of document.querySelectorAll('a[data-trace]')) {
    link.href = 'https://trace.playwright.dev/?trace=' + encodeURIComponent(new URL(link.dataset.trace, location.href).href);
    link.hidden = false;
  }
}
const list = document.getElementById('test-list');
if (list) {
  const rows = Array.from(list.children);
  const field = (id) => document.getElementById(id);
  const value = (id) => (field(id) ? field(id).value : '');
  const apply = () => {
    const query = value('f-search').trim().toLowerCase();
    const [status, project, app, tag] = ['f-status', 'f-project', 'f-app', 'f-tag'].map(value);
    let shown = 0;
    for (const row of rows) {
      const d = row.dataset;
      const match = (!query || d.title.includes(query)) && (!status || d.status === status) && (!project || d.project === project)
        && (!app || d.app === app) && (!tag || d.tags.split(' ').includes(tag));
      row.hidden = !match;
      if (match) shown++;
    }
    field('f-count').textContent = 'Showing ' + shown + ' of ' + rows.length + (rows.length === 1 ? ' test' : ' tests');
  };
  const sort = () => {
    const order = value('f-sort');
    const sorted = rows.slice();
    if (order) sorted.sort((a, b) => (Number(a.dataset.duration) - Number(b.dataset.duration)) * (order === 'asc' ? 1 : -1));
    list.append(...sorted);
  };
  for (const id of ['f-search', 'f-status', 'f-project', 'f-app', 'f-tag']) if (field(id)) field(id).addEventListener('input', apply);
  field('f-sort').addEventListener('change', sort);
  field('test-filters').hidden = false;
  apply();
}
`.trim();
