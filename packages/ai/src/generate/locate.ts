import type { ElementHandle, Page } from '@playwright/test';
import { toLocator, toSelector } from './locator-spec.js';
import type { ElementFacts } from './page-model.js';
import type { LocatorSpec, ScopeSpec } from './types.js';
import { looksVolatile } from './volatile.js';

/** Longest text a locator may quote: longer text is content that changes, not a handle. */
const MAX_TEXT = 80;

/** Text a locator may quote: short, and not shaped like a clock, a date, an id or a count. */
function quotable(text: string): boolean {
  return text.length <= MAX_TEXT && !looksVolatile(text);
}

/** Whether a locator, both as code and as a selector string, finds exactly this element and nothing else. */
export async function findsExactly(page: Page, spec: LocatorSpec, handle: ElementHandle<Element>): Promise<boolean> {
  try {
    for (const locator of [toLocator(page, spec), page.locator(toSelector(spec))]) {
      if (!(await locator.evaluateAll((els, target) => els.length === 1 && els[0] === target, handle))) return false;
    }
    return true;
  } catch {
    // A selector Playwright cannot parse (an unusual name) is simply not a candidate.
    return false;
  }
}

function both(make: (exact: boolean) => LocatorSpec): LocatorSpec[] {
  return [make(false), make(true)];
}

/**
 * Candidates in the order Playwright's codegen ranks them: test id, role and name, placeholder, label,
 * alt text, text, title; each loose first, then exact.
 */
export function candidates(facts: ElementFacts, role: string | undefined, name: string | undefined): LocatorSpec[] {
  const list: LocatorSpec[] = [];
  if (facts.testid) list.push({ by: 'testid', value: facts.testid });
  if (role && name && quotable(name)) list.push(...both((exact) => ({ by: 'role', role, name, exact })));
  if (facts.placeholder) list.push(...both((exact) => ({ by: 'placeholder', value: facts.placeholder!, exact })));
  for (const label of facts.labels) if (quotable(label)) list.push(...both((exact) => ({ by: 'label', value: label, exact })));
  if (facts.alt) list.push(...both((exact) => ({ by: 'alt', value: facts.alt!, exact })));
  if (facts.text && quotable(facts.text) && !isFormField(facts.tag)) {
    list.push(...both((exact) => ({ by: 'text', value: facts.text, exact })));
  }
  if (facts.title) list.push(...both((exact) => ({ by: 'title', value: facts.title!, exact })));
  return list;
}

function isFormField(tag: string): boolean {
  return tag === 'input' || tag === 'select' || tag === 'textarea';
}

interface Container {
  tag: string;
  /** Lines of its text, outside the element itself. */
  texts: string[];
  /** Test ids, placeholders and labels of fields and images inside it. */
  marks: { testid?: string; placeholder?: string; label?: string; alt?: string }[];
}

/** The element's ancestors, nearest first, with what could single each out: its texts and marked descendants. */
async function containers(handle: ElementHandle<Element>): Promise<Container[]> {
  return handle.evaluate((el, maxText) => {
    const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const own = clean((el as HTMLElement).innerText);
    const result: Container[] = [];
    for (let node = el.parentElement; node && node !== document.body && result.length < 6; node = node.parentElement) {
      const lines = (node.innerText ?? '')
        .split('\n')
        .map(clean)
        .filter((line) => line.length >= 3 && line.length <= maxText && !own.includes(line));
      const marks = [...node.querySelectorAll('[data-testid], input, textarea, select, img[alt]')]
        .filter((mark) => mark !== el && !el.contains(mark))
        .slice(0, 3)
        .map((mark) => ({
          testid: mark.getAttribute('data-testid') ?? undefined,
          placeholder: mark.getAttribute('placeholder') ?? undefined,
          label: clean(mark.getAttribute('aria-label')) || clean((mark as HTMLInputElement).labels?.[0]?.innerText) || undefined,
          alt: mark.getAttribute('alt') ?? undefined,
        }));
      result.push({ tag: node.tagName.toLowerCase(), texts: [...new Set(lines)].slice(0, 4), marks });
    }
    return result;
  }, MAX_TEXT);
}

function markSpecs(mark: Container['marks'][number]): LocatorSpec[] {
  const specs: LocatorSpec[] = [];
  if (mark.testid) specs.push({ by: 'testid', value: mark.testid });
  if (mark.placeholder) specs.push({ by: 'placeholder', value: mark.placeholder, exact: true });
  if (mark.label) specs.push({ by: 'label', value: mark.label, exact: true });
  if (mark.alt) specs.push({ by: 'alt', value: mark.alt, exact: true });
  return specs;
}

/**
 * The most preferred locator that finds exactly this element, verified on the live page, or
 * undefined when only coordinates or structural CSS could.
 */
export async function chooseLocator(
  page: Page,
  handle: ElementHandle<Element>,
  facts: ElementFacts,
  role?: string,
  name?: string,
): Promise<LocatorSpec | undefined> {
  const own = candidates(facts, role, name);
  for (const spec of own) if (await findsExactly(page, spec, handle)) return spec;
  // Several elements answer to the same name (three "Run" buttons): find it inside the container that
  // holds a text or a marked element no other such container holds, as codegen's filter() does.
  const inner = own.filter((spec) => spec.by !== 'testid').slice(0, 2);
  if (role && !name) inner.push({ by: 'role', role });
  if (!inner.length) return undefined;
  for (const { tag, texts, marks } of await containers(handle)) {
    const scopes: ScopeSpec[] = [...texts.filter((text) => !looksVolatile(text)).map((hasText) => ({ tag, hasText })), ...marks.flatMap(markSpecs).map((has) => ({ tag, has }))];
    for (const scope of scopes) {
      for (const spec of inner) {
        const scoped: LocatorSpec = { by: 'within', scope, inner: spec };
        if (await findsExactly(page, scoped, handle)) return scoped;
      }
    }
  }
  return undefined;
}
