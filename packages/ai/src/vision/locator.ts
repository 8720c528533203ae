import type { Locator, Page } from '@playwright/test';
import type { RawElement } from './dom-transfer.js';
import type { LocatorSpec } from './types.js';

/** Roles Playwright users locate by role and name (landmarks and generic containers are not). */
const ROLE_LOCATABLE = new Set([
  'button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option',
  'textbox', 'searchbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'treeitem', 'heading', 'img', 'dialog',
  'progressbar', 'cell', 'columnheader',
]);
const MAX_TEXT_LOCATOR = 80;

const MAX_LOOSE_GROUP = 300;

const lower = (text: string) => text.toLowerCase();

type ValueKind = 'label' | 'placeholder' | 'text' | 'altText' | 'title';

/**
 * Elements grouped by a key, in document order. Built at the first question: most elements get
 * their locator before most kinds of group are needed.
 */
class Groups {
  private groups: Map<string, RawElement[]> | undefined;

  constructor(
    private readonly elements: RawElement[],
    private readonly key: (element: RawElement) => string | null,
  ) {}

  private build(): Map<string, RawElement[]> {
    const groups = new Map<string, RawElement[]>();
    for (const element of this.elements) {
      const value = this.key(element);
      if (value === null) continue;
      const group = groups.get(value);
      if (group) group.push(element);
      else groups.set(value, [element]);
    }
    return (this.groups = groups);
  }

  members(value: string): RawElement[] {
    return (this.groups ?? this.build()).get(value) ?? [];
  }
}

/**
 * How many elements share a key, and each element's position among them (document order): what
 * `nth` needs, without Groups' list of members.
 */
class Counts {
  private counts: Map<string, number> | undefined;
  private position: Int32Array | undefined;

  constructor(
    private readonly elements: RawElement[],
    private readonly key: (element: RawElement) => string | null,
  ) {}

  private build(): Map<string, number> {
    const counts = new Map<string, number>();
    const position = new Int32Array(this.elements.length);
    this.elements.forEach((element, index) => {
      const value = this.key(element);
      if (value === null) return;
      const count = counts.get(value) ?? 0;
      position[index] = count;
      counts.set(value, count + 1);
    });
    this.position = position;
    return (this.counts = counts);
  }

  /** The position of element `index` among those with its key, when more than one has it. */
  nth(value: string, index: number): number | undefined {
    return ((this.counts ?? this.build()).get(value) ?? 0) > 1 ? this.position![index] : undefined;
  }
}

/** Counts for a pair of keys (role and name): a Map per first key spares a joined string per element. */
class PairCounts {
  private counts: Map<string, Map<string, number>> | undefined;
  private position: Int32Array | undefined;

  constructor(
    private readonly elements: RawElement[],
    private readonly first: (element: RawElement) => string | null,
    private readonly second: (element: RawElement) => string,
  ) {}

  private build(): Map<string, Map<string, number>> {
    const counts = new Map<string, Map<string, number>>();
    const position = new Int32Array(this.elements.length);
    this.elements.forEach((element, index) => {
      const first = this.first(element);
      if (first === null) return;
      let inner = counts.get(first);
      if (!inner) counts.set(first, (inner = new Map<string, number>()));
      const second = this.second(element);
      const count = inner.get(second) ?? 0;
      position[index] = count;
      inner.set(second, count + 1);
    });
    this.position = position;
    return (this.counts = counts);
  }

  /** The position of element `index` among those with its pair of keys, when more than one has them. */
  nth(first: string, second: string, index: number): number | undefined {
    return ((this.counts ?? this.build()).get(first)?.get(second) ?? 0) > 1 ? this.position![index] : undefined;
  }
}

function cssEscape(ident: string): string {
  return ident.replace(/^(\d)/, '\\3$1 ').replace(/[^\w-]/g, (ch) => `\\${ch}`);
}

const usable = (value: string | null): value is string => Boolean(value) && value!.length <= MAX_TEXT_LOCATOR && !value!.endsWith('…');

/**
 * The most robust locator for each element, in the order Playwright's codegen prefers: test id,
 * role and name, label, placeholder, alt text, text, title; CSS only as a last resort. Duplicates
 * get `exact` and then `nth`, so each locator names exactly its element among those analysed.
 */
export function locatorsFor(elements: RawElement[]): LocatorSpec[] {
  const roleKey = (element: RawElement) => (element.role && ROLE_LOCATABLE.has(element.role) && usable(element.name) ? element.role : null);
  const byRoleGroup = new Groups(elements, roleKey);
  const byRoleName = new PairCounts(elements, roleKey, (element) => element.name);
  const textKey = (element: RawElement) => (element.interactive && element.role ? null : element.text);
  const values: Record<ValueKind, { of: (element: RawElement) => string | null; groups: Counts }> = {
    label: { of: (e) => e.label, groups: new Counts(elements, (e) => e.label) },
    placeholder: { of: (e) => e.placeholder, groups: new Counts(elements, (e) => e.placeholder) },
    altText: { of: (e) => e.alt, groups: new Counts(elements, (e) => e.alt || null) },
    text: { of: textKey, groups: new Counts(elements, textKey) },
    title: { of: (e) => e.title, groups: new Counts(elements, (e) => e.title) },
  };
  const byTag = new Counts(elements, (element) => element.tag);

  const byRole = (element: RawElement, index: number): LocatorSpec | undefined => {
    const role = roleKey(element);
    if (!role) return undefined;
    const { name } = element;
    const sameRole = byRoleGroup.members(role);
    // Playwright matches a name case-insensitively as a substring unless `exact` is set; checking
    // that against every peer is quadratic, so large groups always use `exact`.
    if (sameRole.length <= MAX_LOOSE_GROUP && sameRole.filter((other) => lower(other.name).includes(lower(name))).length === 1) {
      return { by: 'role', role, name };
    }
    const nth = byRoleName.nth(role, name, index);
    return nth === undefined ? { by: 'role', role, name, exact: true } : { by: 'role', role, name, exact: true, nth };
  };

  const byValue = (kind: ValueKind, element: RawElement, index: number): LocatorSpec | undefined => {
    const value = values[kind].of(element);
    if (!usable(value)) return undefined;
    const nth = values[kind].groups.nth(value, index);
    return nth === undefined ? { by: kind, value } : { by: kind, value, nth };
  };

  const byCss = (element: RawElement, index: number): LocatorSpec => {
    if (element.idAttr && element.idUnique) return { by: 'css', value: `#${cssEscape(element.idAttr)}` };
    const nth = byTag.nth(element.tag, index);
    return nth === undefined ? { by: 'css', value: element.tag } : { by: 'css', value: element.tag, nth };
  };

  return elements.map((element, index) => {
    if (element.testId && element.testIdUnique) return { by: 'testId', value: element.testId };
    return (
      byRole(element, index) ??
      byValue('label', element, index) ??
      byValue('placeholder', element, index) ??
      byValue('altText', element, index) ??
      byValue('text', element, index) ??
      byValue('title', element, index) ??
      byCss(element, index)
    );
  });
}

// Most text has nothing to escape, and testing for it is cheaper than two replacements.
const quote = (text: string) => `'${/['\\]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/'/g, "\\'") : text}'`;

/** Playwright code for a locator, starting after `page.`. */
export function locatorCode(spec: LocatorSpec): string {
  const nth = 'nth' in spec && spec.nth !== undefined ? `.nth(${spec.nth})` : '';
  switch (spec.by) {
    case 'testId':
      return `getByTestId(${quote(spec.value)})`;
    case 'role': {
      const options = spec.name === undefined ? '' : `, { name: ${quote(spec.name)}${spec.exact ? ', exact: true' : ''} }`;
      return `getByRole(${quote(spec.role)}${options})${nth}`;
    }
    case 'css':
      return `locator(${quote(spec.value)})${nth}`;
    case 'label':
      return `getByLabel(${quote(spec.value)}, { exact: true })${nth}`;
    case 'placeholder':
      return `getByPlaceholder(${quote(spec.value)}, { exact: true })${nth}`;
    case 'text':
      return `getByText(${quote(spec.value)}, { exact: true })${nth}`;
    case 'altText':
      return `getByAltText(${quote(spec.value)}, { exact: true })${nth}`;
    case 'title':
      return `getByTitle(${quote(spec.value)}, { exact: true })${nth}`;
  }
}

/** The Playwright locator a spec describes, on `page`. */
export function toLocator(page: Page, spec: LocatorSpec): Locator {
  let locator: Locator;
  switch (spec.by) {
    case 'testId':
      return page.getByTestId(spec.value);
    case 'role':
      // Playwright's role type is a closed union; the roles come from the page itself.
      locator = page.getByRole(spec.role as Parameters<Page['getByRole']>[0], spec.name === undefined ? {} : { name: spec.name, exact: spec.exact ?? false });
      break;
    case 'css':
      locator = page.locator(spec.value);
      break;
    case 'label':
      locator = page.getByLabel(spec.value, { exact: true });
      break;
    case 'placeholder':
      locator = page.getByPlaceholder(spec.value, { exact: true });
      break;
    case 'text':
      locator = page.getByText(spec.value, { exact: true });
      break;
    case 'altText':
      locator = page.getByAltText(spec.value, { exact: true });
      break;
    case 'title':
      locator = page.getByTitle(spec.value, { exact: true });
      break;
  }
  return spec.nth === undefined ? locator : locator.nth(spec.nth);
}
