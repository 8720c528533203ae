import type { Locator, Page } from '@playwright/test';
import type { LocatorSpec } from './types.js';

type AriaRole = Parameters<Page['getByRole']>[0];
/** What both a Page and a Locator offer to find elements inside them. */
type Root = Pick<Page, 'getByTestId' | 'getByRole' | 'getByPlaceholder' | 'getByLabel' | 'getByAltText' | 'getByText' | 'getByTitle' | 'locator'>;

/** The live Playwright locator a spec stands for, inside `root` (the page by default). */
export function toLocator(page: Page, spec: LocatorSpec, root: Root = page): Locator {
  switch (spec.by) {
    case 'testid':
      return root.getByTestId(spec.value);
    case 'role':
      return root.getByRole(spec.role as AriaRole, spec.name === undefined ? {} : { name: spec.name, exact: spec.exact ?? false });
    case 'placeholder':
      return root.getByPlaceholder(spec.value, { exact: spec.exact ?? false });
    case 'label':
      return root.getByLabel(spec.value, { exact: spec.exact ?? false });
    case 'alt':
      return root.getByAltText(spec.value, { exact: spec.exact ?? false });
    case 'text':
      return root.getByText(spec.value, { exact: spec.exact ?? false });
    case 'title':
      return root.getByTitle(spec.value, { exact: spec.exact ?? false });
    case 'within': {
      const { scope } = spec;
      const container = root.locator(scope.tag).filter('hasText' in scope ? { hasText: scope.hasText } : { has: toLocator(page, scope.has) });
      return toLocator(page, spec.inner, container);
    }
  }
}

/** A single-quoted TypeScript string literal, as codegen writes them. */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function exactOption(spec: { exact?: boolean }): string {
  return spec.exact ? ', { exact: true }' : '';
}

/** The locator as code, the way Playwright's codegen writes it: `page.getByRole('button', { name: 'Sign in' })`. */
export function toCode(spec: LocatorSpec, root = 'page'): string {
  switch (spec.by) {
    case 'testid':
      return `${root}.getByTestId(${tsString(spec.value)})`;
    case 'role': {
      if (spec.name === undefined) return `${root}.getByRole(${tsString(spec.role)})`;
      const exact = spec.exact ? ', exact: true' : '';
      return `${root}.getByRole(${tsString(spec.role)}, { name: ${tsString(spec.name)}${exact} })`;
    }
    case 'placeholder':
      return `${root}.getByPlaceholder(${tsString(spec.value)}${exactOption(spec)})`;
    case 'label':
      return `${root}.getByLabel(${tsString(spec.value)}${exactOption(spec)})`;
    case 'alt':
      return `${root}.getByAltText(${tsString(spec.value)}${exactOption(spec)})`;
    case 'text':
      return `${root}.getByText(${tsString(spec.value)}${exactOption(spec)})`;
    case 'title':
      return `${root}.getByTitle(${tsString(spec.value)}${exactOption(spec)})`;
    case 'within': {
      const { scope } = spec;
      const filter = 'hasText' in scope ? `hasText: ${tsString(scope.hasText)}` : `has: ${toCode(scope.has)}`;
      return toCode(spec.inner, `${root}.locator(${tsString(scope.tag)}).filter({ ${filter} })`);
    }
  }
}

/** A quoted value inside a selector: a JSON string is what Playwright's selector parser reads back. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

function attr(name: string, value: string, exact: boolean | undefined): string {
  return `internal:attr=[${name}=${quoted(value)}${exact ? 's' : 'i'}]`;
}

/**
 * The same element as a selector string for a YAML action, which Playwright's `page.locator()` reads:
 * the public `role=`, `data-testid=` and `text=` engines where they exist, Playwright's own
 * `internal:label=` / `internal:attr=` (what `getByLabel` and `getByPlaceholder` compile to) otherwise.
 */
export function toSelector(spec: LocatorSpec): string {
  switch (spec.by) {
    case 'testid':
      return /^[\w-]+$/.test(spec.value) ? `data-testid=${spec.value}` : `internal:testid=[data-testid=${quoted(spec.value)}s]`;
    case 'role':
      return spec.name === undefined ? `role=${spec.role}` : `role=${spec.role}[name=${quoted(spec.name)}${spec.exact ? ' s' : ''}]`;
    case 'placeholder':
      return attr('placeholder', spec.value, spec.exact);
    case 'label':
      return `internal:label=${quoted(spec.value)}${spec.exact ? 's' : 'i'}`;
    case 'alt':
      return attr('alt', spec.value, spec.exact);
    case 'title':
      return attr('title', spec.value, spec.exact);
    case 'text':
      return spec.exact ? `text=${quoted(spec.value)}` : `internal:text=${quoted(spec.value)}i`;
    case 'within': {
      const { scope } = spec;
      const filter = 'hasText' in scope ? `internal:has-text=${quoted(scope.hasText)}i` : `internal:has=${quoted(toSelector(scope.has))}`;
      return `${scope.tag} >> ${filter} >> ${toSelector(spec.inner)}`;
    }
  }
}
