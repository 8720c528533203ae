/*
 * ARIA roles, explicit or implied by the tag, as Playwright's getByRole finds them: the element map's
 * locators are replayed through it. Our own table rather than dom-accessibility-api's getRole, which
 * is fast (4 ms for 10,000 elements) but answers otherwise where Playwright sides with this table
 * (password, date and file inputs, a section without a name, p). The library is right where this
 * table has no role yet (a top-level header or footer, a fieldset), which would change the map.
 * tests/unit/ai/in-page-roles.spec.ts runs both side by side and names every difference.
 */

import { attributeOf, has } from './attributes.js';

const INTERACTIVE_ROLES = new Set([
  'button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio',
  'option', 'textbox', 'searchbox', 'combobox', 'slider', 'spinbutton', 'treeitem',
]);
const INPUT_ROLES: Record<string, string> = {
  button: 'button', checkbox: 'checkbox', image: 'button', number: 'spinbutton', radio: 'radio', range: 'slider',
  reset: 'button', submit: 'button', search: 'searchbox', file: 'button', color: 'button',
};
const LIST_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url']);
/** An empty string: the tag has no role of its own. */
const TAG_ROLES: Record<string, string> = {
  BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', H1: 'heading', H2: 'heading', H3: 'heading',
  H4: 'heading', H5: 'heading', H6: 'heading', NAV: 'navigation', MAIN: 'main', UL: 'list', OL: 'list', LI: 'listitem',
  TABLE: 'table', TR: 'row', TD: 'cell', TH: 'columnheader', DIALOG: 'dialog', PROGRESS: 'progressbar',
  SUMMARY: 'button', P: 'paragraph', LABEL: '', FORM: 'form', ARTICLE: 'article', ASIDE: 'complementary',
  CANVAS: '', VIDEO: '', FIGURE: 'figure', HR: 'separator',
};

/** The element's role; `tag` is its tagName in upper case, `names` its attribute names. Null for generic containers. */
export function roleOf(el: Element, tag: string, names: readonly string[]): string | null {
  const explicit = attributeOf(el, names, 'role');
  if (explicit) return explicit.split(/\s+/)[0] ?? null;
  if (tag === 'A' || tag === 'AREA') return has(names, 'href') ? 'link' : null;
  if (tag === 'INPUT') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    if (type === 'hidden') return null;
    if (has(names, 'list') && LIST_INPUT_TYPES.has(type)) return 'combobox';
    return INPUT_ROLES[type] ?? 'textbox';
  }
  if (tag === 'SELECT') {
    const select = el as HTMLSelectElement;
    return select.multiple || select.size > 1 ? 'listbox' : 'combobox';
  }
  if (tag === 'IMG') return attributeOf(el, names, 'alt') === '' ? 'presentation' : 'img';
  if (tag === 'SECTION') return has(names, 'aria-label') || has(names, 'aria-labelledby') ? 'region' : null;
  return TAG_ROLES[tag] || null;
}

/** A user can act on the element: a control by tag or role, a click handler, editable, or focusable by tabindex. */
export function isInteractive(el: Element, tag: string, role: string | null, names: readonly string[]): boolean {
  if (tag === 'A') return has(names, 'href');
  if (tag === 'INPUT') return (el as HTMLInputElement).type !== 'hidden';
  if (tag === 'BUTTON' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'SUMMARY') return true;
  if (role && INTERACTIVE_ROLES.has(role)) return true;
  // Editable is inherited from an ancestor: asked of an element without attributes too.
  if (has(names, 'onclick') || (el as HTMLElement).isContentEditable) return true;
  const tabindex = attributeOf(el, names, 'tabindex');
  return tabindex !== null && Number(tabindex) >= 0;
}
