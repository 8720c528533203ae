import { esc } from '@panoptic/model/svg-charts';

// Small formatting helpers the pages share. Every value from the database passes through esc().

export { esc, formatDuration, formatRate, formatTime } from '@panoptic/model/svg-charts';

/** The words a reader uses for Playwright's outcomes. */
export const OUTCOME_LABEL: Record<string, string> = { expected: 'passed', unexpected: 'failed', flaky: 'flaky', skipped: 'skipped' };

/** An outcome or run status as a labelled badge; colour is never the only signal. */
export function badge(value: string): string {
  const label = OUTCOME_LABEL[value] ?? value;
  return `<span class="badge ${esc(label)}">${esc(label)}</span>`;
}

/** A dashboard address with its query, dropping empty values so filters stay readable in the URL. */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Previous / next links for a paged list, keeping the filters in `query`. */
export function pager(path: string, query: Record<string, string | undefined>, page: number, pageSize: number, total: number): string {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const prev = page > 1 ? `<a rel="prev" href="${esc(href(path, { ...query, page: page - 1 }))}">Previous</a>` : '';
  const next = page < pages ? `<a rel="next" href="${esc(href(path, { ...query, page: page + 1 }))}">Next</a>` : '';
  return `<nav class="pager" aria-label="Pages">${prev}<span>Page ${page} of ${pages} (${total} in all)</span>${next}</nav>`;
}

/** A select of `options` with `current` selected; the first option is "any". */
export function select(name: string, label: string, options: readonly (readonly [string, string])[], current: string | undefined): string {
  const items = [['', 'any'] as const, ...options].map(([value, text]) => `<option value="${esc(value)}"${value === (current ?? '') ? ' selected' : ''}>${esc(text)}</option>`);
  return `<label>${esc(label)} <select name="${esc(name)}">${items.join('')}</select></label>`;
}

/** A column's header: a label, or `num(label)` for a column of numbers, right-aligned like its `td.num` cells. */
export type Column = string | { readonly label: string; readonly numeric: true };

export function num(label: string): Column {
  return { label, numeric: true };
}

/** A table with a caption for screen readers; rows are already-escaped HTML. */
export function table(caption: string, head: readonly Column[], rows: readonly string[], empty: string): string {
  if (!rows.length) return `<p class="empty">${esc(empty)}</p>`;
  const th = head.map((cell) => (typeof cell === 'string' ? `<th scope="col">${esc(cell)}</th>` : `<th scope="col" class="num">${esc(cell.label)}</th>`)).join('');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
