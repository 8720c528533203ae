import type { ElementHandle, Page } from '@playwright/test';
import { parse } from 'yaml';

type AriaRole = Parameters<Page['getByRole']>[0];

/** What the DOM says about an element, for choosing how a test finds it. */
export interface ElementFacts {
  tag: string;
  testid?: string;
  placeholder?: string;
  /** Texts of its `<label>`s and its `aria-label`. */
  labels: string[];
  alt?: string;
  title?: string;
  /** Its text content, whitespace collapsed: what getByText and toHaveText compare with. */
  text: string;
  /** A control or inside one (link, button, label, summary, field): clicking it would act, not just look. */
  insideControl: boolean;
}

/** An element found through the accessibility tree, with the role and accessible name Playwright gives it. */
export interface FoundElement {
  role: string;
  name: string;
  handle: ElementHandle<Element>;
  facts: ElementFacts;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export async function elementFacts(handle: ElementHandle<Element>): Promise<ElementFacts> {
  return handle.evaluate((el) => {
    const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const labels = 'labels' in el && el.labels ? [...(el.labels as NodeListOf<HTMLLabelElement>)].map((label) => clean(label.innerText)) : [];
    const ariaLabel = clean(el.getAttribute('aria-label'));
    if (ariaLabel) labels.push(ariaLabel);
    const optional = (value: string | null) => (value && value.trim() ? value : undefined);
    return {
      tag: el.tagName.toLowerCase(),
      testid: optional(el.getAttribute('data-testid')),
      placeholder: optional(el.getAttribute('placeholder')),
      labels: labels.filter(Boolean),
      alt: optional(el.getAttribute('alt')),
      title: optional(el.getAttribute('title')),
      text: clean(el.textContent),
      insideControl: Boolean(el.closest('a, button, label, summary, input, select, textarea, [role=button], [role=link], [onclick]')),
    };
  });
}

/** The role and accessible name from the first line of an element's ARIA snapshot, e.g. `- button "Sign in"`. */
export function parseAriaHead(snapshot: string): { role: string; name: string } | undefined {
  let items: unknown;
  try {
    items = parse(snapshot);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const first: unknown = items[0];
  const head = typeof first === 'string' ? first : first && typeof first === 'object' ? Object.keys(first)[0] : undefined;
  const match = head?.match(/^([a-z]+)(?: "((?:[^"\\]|\\.)*)")?/);
  if (!match) return undefined;
  const [, role = '', quoted] = match;
  return { role, name: quoted === undefined ? '' : (JSON.parse(`"${quoted}"`) as string) };
}

/** Every visible element with one of `roles`, with its accessible name as Playwright computes it. */
export async function findByRole(page: Page, roles: readonly string[], timeout: number): Promise<FoundElement[]> {
  const found: FoundElement[] = [];
  for (const role of roles) {
    for (const locator of await page.getByRole(role as AriaRole).all()) {
      const head = parseAriaHead(await locator.ariaSnapshot({ timeout }));
      const handle = await locator.elementHandle({ timeout });
      if (!head || head.role !== role || !handle) continue;
      found.push({ role, name: head.name, handle, facts: await elementFacts(handle) });
    }
  }
  return found;
}
