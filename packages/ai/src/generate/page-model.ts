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

/** Runs in the page: the role an element most likely has, from its role attribute, tag and type. */
function likelyRole(el: Element): string | undefined {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(' ')[0];
  const tag = el.tagName.toLowerCase();
  const type = (el as HTMLInputElement).type;
  if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset'].includes(type))) return 'button';
  if (tag === 'a' && el.hasAttribute('href')) return 'link';
  if (tag === 'select') return (el as HTMLSelectElement).multiple ? 'listbox' : 'combobox';
  if (tag === 'textarea') return 'textbox';
  if (tag === 'input') return ({ checkbox: 'checkbox', radio: 'radio', number: 'spinbutton', range: 'slider', search: 'searchbox' } as Record<string, string>)[type] ?? 'textbox';
  return undefined;
}

/**
 * The element's role and accessible name as Playwright computes them, when it has a role Playwright
 * finds it by; the name is what a label says without the text of the control inside it.
 */
export async function roleOf(page: Page, handle: ElementHandle<Element>, timeout: number): Promise<{ role: string; name: string } | undefined> {
  const role = await handle.evaluate(likelyRole);
  if (!role) return undefined;
  for (const locator of await page.getByRole(role as AriaRole).all()) {
    if (!(await locator.evaluate((el, target) => el === target, handle))) continue;
    const head = parseAriaHead(await locator.ariaSnapshot({ timeout }));
    return head && head.role === role ? head : undefined;
  }
  return undefined;
}
