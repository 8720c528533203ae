import type { ElementHandle, Page } from '@playwright/test';
import { chooseLocator } from './locate.js';
import { toLocator } from './locator-spec.js';
import { collapse, elementFacts, findByRole, type FoundElement } from './page-model.js';
import type { InteractionKind, LocatorSpec, Step } from './types.js';
import { constraintsOf } from './forms.js';
import { valueCandidates } from './values.js';
import { findShortcuts, pressStep, shortcutInteraction } from './shortcuts.js';

/**
 * What an interaction did on the live page: the steps a test replays, the text it typed, and checks
 * only the play itself could observe (the focus a shortcut moved).
 */
export type Played = { steps: Step[]; typed?: string; checks?: Step[] } | { reason: string };

/** A control to act on and how: found on one page state, played on a fresh copy of that state. */
export interface Interaction {
  kind: InteractionKind;
  role: string;
  name: string;
  /** The control it works; a shortcut has none, it is pressed on the page. */
  target?: LocatorSpec;
  /** Builds the next state (adds or completes something): worth exploring further. */
  builds: boolean;
  /** Worth probing in each built state until it earns a test (a shortcut that acts on items needs items). */
  again?: boolean;
  /** Why it is listed but cannot be played (an accesskey): reported as skipped, never probed. */
  unplayable?: string;
  /** Plays it on a live page; `nth` is how often the same control was used before, so typed values differ. */
  play: (page: Page, timeout: number, nth: number) => Promise<Played>;
}

/** Controls of one kind tried per page state: enough to cover the kind without repeating it. */
const PER_KIND = 2;
/** Plain clicks (filters, "clear" buttons) and shortcuts differ more from one another than two checkboxes do. */
const PER_CLICK = 4;

interface Where {
  /** Inside a form with a submit button: the form tests cover it. */
  inSubmitForm: boolean;
  /** The index of the list item it is in, or -1. */
  item: number;
  disabled: boolean;
  tag: string;
  type: string;
  checked: boolean;
  expanded: string | null;
  selected: string | null;
}

async function where(handle: ElementHandle<Element>): Promise<Where> {
  return handle.evaluate((el) => {
    const field = el as HTMLInputElement;
    const form = field.form ?? el.closest('form');
    const item = el.closest('li, [role=listitem]');
    const items = [...document.querySelectorAll('li, [role=listitem]')];
    return {
      inSubmitForm: Boolean(form?.querySelector('button:not([type=button]):not([type=reset]), input[type=submit], input[type=image]')),
      item: item ? items.indexOf(item) : -1,
      disabled: Boolean(field.disabled || field.readOnly || el.getAttribute('aria-disabled') === 'true'),
      tag: el.tagName.toLowerCase(),
      type: (field.type ?? '').toLowerCase(),
      checked: Boolean(field.checked) || el.getAttribute('aria-checked') === 'true',
      expanded: el.getAttribute('aria-expanded'),
      selected: el.getAttribute('aria-selected'),
    };
  });
}

/** Distinct values for the n-th entry typed into the same field, so each can be found again. */
function nthValue(value: string, n: number): string {
  return n === 0 ? value : `${value} ${['two', 'three', 'four', 'five'][n - 1] ?? n + 1}`;
}

async function typedValue(found: FoundElement): Promise<string> {
  return valueCandidates(await constraintsOf(found))[0] ?? 'Example text';
}

function enter(found: FoundElement, target: LocatorSpec): Interaction {
  return {
    kind: 'enter', role: found.role, name: found.name, target, builds: true,
    play: async (page, timeout, earlier) => {
      // The field on this page: the one found while listing belongs to another.
      const handle = await toLocator(page, target).elementHandle({ timeout });
      if (!handle) return { reason: 'the field is gone' };
      const value = nthValue(await typedValue({ ...found, handle }), earlier);
      const field = found.name || found.facts.placeholder || 'the field';
      const steps: Step[] = [
        { kind: 'fill', target, value, description: `type "${value}" into "${field}"` },
        { kind: 'press', target, key: 'Enter', description: `press Enter in "${field}"` },
      ];
      for (const step of steps) await playAction(page, step, timeout);
      return { steps, typed: value };
    },
  };
}

function simple(kind: InteractionKind, found: FoundElement, target: LocatorSpec, step: Step, builds: boolean): Interaction {
  return {
    kind, role: found.role, name: found.name, target, builds,
    play: async (page, timeout) => {
      await playAction(page, step, timeout);
      return { steps: [step] };
    },
  };
}

/** Double-clicks a list item's text; when that opens a field in place, types a new text and presses Enter. */
function edit(text: string, target: LocatorSpec): Interaction {
  return {
    kind: 'edit', role: 'text', name: text, target, builds: false,
    play: async (page, timeout) => {
      const open: Step = { kind: 'dblclick', target, description: `double-click "${text}"` };
      await playAction(page, open, timeout);
      const focused = await page.evaluateHandle(() => document.activeElement);
      const field = focused.asElement();
      const isField = field ? await field.evaluate((el) => ['INPUT', 'TEXTAREA'].includes(el.tagName) && (el as HTMLInputElement).type !== 'checkbox') : false;
      if (!field || !isField) return { reason: 'double-clicking it opens no field to edit in' };
      const facts = await elementFacts(field);
      const fieldTarget = await chooseLocator(page, field, facts, 'textbox', facts.labels[0]);
      if (!fieldTarget) return { reason: 'the field it opens has no locator that finds it alone' };
      const value = `${text} (edited)`;
      const steps: Step[] = [
        open,
        { kind: 'fill', target: fieldTarget, value, description: `change it to "${value}"` },
        { kind: 'press', target: fieldTarget, key: 'Enter', description: 'press Enter' },
      ];
      for (const step of steps.slice(1)) await playAction(page, step, timeout);
      return { steps, typed: value };
    },
  };
}

/** Plays an action step with the Playwright call the generated spec uses. */
export async function playAction(page: Page, step: Step, timeout: number): Promise<void> {
  if (step.kind === 'pressKey') return pressStep(page, step, timeout);
  const locator = 'target' in step ? toLocator(page, step.target) : undefined;
  if (!locator) return;
  if (step.kind === 'click' || step.kind === 'submit') await locator.click({ timeout });
  else if (step.kind === 'fill') await locator.fill(step.value, { timeout });
  else if (step.kind === 'check') await locator.check({ timeout });
  else if (step.kind === 'uncheck') await locator.uncheck({ timeout });
  else if (step.kind === 'press') await locator.press(step.key, { timeout });
  else if (step.kind === 'dblclick') await locator.dblclick({ timeout });
  else if (step.kind === 'hover') await locator.hover({ timeout });
  else if (step.kind === 'select') await locator.selectOption(step.value, { timeout });
}

async function selectChoice(handle: ElementHandle<Element>): Promise<string | undefined> {
  return handle.evaluate((el) => {
    if (!(el instanceof HTMLSelectElement) || el.multiple) return undefined;
    const other = [...el.options].find((option) => !option.disabled && !option.selected && option.label.trim());
    return other?.label.trim();
  });
}

/** The first text in each of the first list item's own elements: what editing in place would double-click. */
async function itemText(page: Page): Promise<{ text: string; handle: ElementHandle<Element> } | undefined> {
  const item = page.getByRole('listitem').first();
  if (!(await item.isVisible().catch(() => false))) return undefined;
  const handle = await item.evaluateHandle((li) => {
    const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (node.textContent?.trim() && parent && !parent.closest('button, a, select') && parent.checkVisibility()) return parent;
    }
    return null;
  });
  const element = handle.asElement() as ElementHandle<Element> | null;
  if (!element) return undefined;
  return { text: collapse((await element.textContent()) ?? ''), handle: element };
}

/**
 * The interactions a page state offers beyond links and form submits: Enter in a field outside a
 * form, checkboxes and switches, radios, selects, tabs, disclosure widgets (aria-expanded), editing
 * a list item in place and the buttons inside list items (removing one). Inside lists only the first
 * item's controls are tried: the others do the same. Keyboard shortcuts the page announces are
 * pressed on the page. With `plainClicks`, other buttons and links
 * that stay on the document are included, for states that earlier interactions built.
 */
export async function findInteractions(page: Page, timeout: number, plainClicks: boolean): Promise<Interaction[]> {
  const found: Interaction[] = [];
  const perKind = new Map<InteractionKind, number>();
  const add = (interaction: Interaction) => {
    const count = perKind.get(interaction.kind) ?? 0;
    if (count >= (interaction.kind === 'click' || interaction.kind === 'shortcut' ? PER_CLICK : PER_KIND)) return;
    perKind.set(interaction.kind, count + 1);
    found.push(interaction);
  };
  const roles = ['textbox', 'searchbox', 'checkbox', 'switch', 'radio', 'combobox', 'tab', 'button', ...(plainClicks ? ['link'] : [])];
  const listed = await findByRole(page, roles, timeout);
  for (const element of listed) {
    const at = await where(element.handle);
    if (at.disabled || at.inSubmitForm || at.item > 0) continue;
    const target = await chooseLocator(page, element.handle, element.facts, element.role, element.name);
    if (!target) continue;
    const name = element.name || element.facts.text;
    const say = `"${name}"`;
    if ((element.role === 'textbox' || element.role === 'searchbox') && at.tag !== 'textarea') add(enter(element, target));
    else if (element.role === 'checkbox' || element.role === 'switch') {
      const step: Step = { kind: at.checked ? 'uncheck' : 'check', target, description: `${at.checked ? 'uncheck' : 'check'} ${say}` };
      // Completing a list item builds a state worth exploring further; a setting's switch does not.
      add(simple('toggle', element, target, step, !at.checked && at.item === 0));
    } else if (element.role === 'radio' && !at.checked) add(simple('radio', element, target, { kind: 'check', target, description: `choose ${say}` }, false));
    else if (element.role === 'combobox' && at.tag === 'select') {
      const value = await selectChoice(element.handle);
      if (value) add(simple('select', element, target, { kind: 'select', target, value, description: `choose "${value}" in ${say}` }, false));
    } else if (element.role === 'tab' && at.selected !== 'true') add(simple('tab', element, target, { kind: 'click', target, description: `open tab ${say}` }, false));
    else if (at.expanded === 'false') add(simple('disclosure', element, target, { kind: 'click', target, description: `expand ${say}` }, false));
    else if (element.role === 'button' && at.item === 0) add(simple('remove', element, target, { kind: 'click', target, description: `click ${say} in the first list item` }, false));
    else if (plainClicks && at.expanded === null && (element.role === 'button' || (await staysOnDocument(element.handle)))) {
      add(simple('click', element, target, { kind: 'click', target, description: `click ${element.role} ${say}` }, false));
    }
  }
  const text = await itemText(page);
  if (text && text.text.length <= 80) {
    const target = await chooseLocator(page, text.handle, await elementFacts(text.handle));
    if (target) add(edit(text.text, target));
  }
  const revealed = await hoverRevealed(page, timeout, listed.map((element) => element.handle));
  for (const element of revealed?.found ?? []) {
    const target = await chooseLocator(page, element.handle, element.facts, element.role, element.name);
    if (target && revealed) add(hovered(element, target, revealed.hover));
  }
  for (const shortcut of await findShortcuts(page)) add(shortcutInteraction(shortcut));
  return found;
}

/**
 * Buttons a list item shows only under the pointer (a to-do's delete button, `li:hover button`):
 * found by hovering the first item's text, which their tests hover again before the click.
 */
async function hoverRevealed(page: Page, timeout: number, listed: ElementHandle<Element>[]): Promise<{ hover: Step; found: FoundElement[] } | undefined> {
  // Only an item with a button not shown now is worth hovering.
  const hidden = await page.evaluate(() => [...(document.querySelector('li, [role=listitem]')?.querySelectorAll('button, [role=button]') ?? [])].some((el) => !el.checkVisibility({ visibilityProperty: true })));
  const text = hidden ? await itemText(page) : undefined;
  if (!text) return undefined;
  const target = await chooseLocator(page, text.handle, await elementFacts(text.handle));
  const item = (await text.handle.evaluateHandle((el) => el.closest('li, [role=listitem]'))).asElement();
  if (!target || !item) return undefined;
  await text.handle.hover({ timeout });
  const found: FoundElement[] = [];
  for (const element of await findByRole(page, ['button'], timeout)) {
    const shown = await element.handle.evaluate((el, [li, ...known]) => Boolean(li?.contains(el)) && !known.includes(el), [item, ...listed]);
    if (shown) found.push(element);
  }
  return { hover: { kind: 'hover', target, description: `hover "${text.text}"` }, found };
}

/** Clicking a button the first list item shows only while hovered: most often, removing the item. */
function hovered(element: FoundElement, target: LocatorSpec, hover: Step): Interaction {
  const name = element.name || element.facts.text;
  const click: Step = { kind: 'click', target, description: `click "${name}" in the first list item, shown on hover` };
  return {
    kind: 'remove', role: element.role, name, target, builds: false,
    play: async (page, timeout) => {
      for (const step of [hover, click]) await playAction(page, step, timeout);
      return { steps: [hover, click] };
    },
  };
}

/** A link to a route of the same document (#/active): clicking it changes the state, not the page. */
async function staysOnDocument(handle: ElementHandle<Element>): Promise<boolean> {
  return handle.evaluate((el) => {
    const href = (el as HTMLAnchorElement).href;
    if (!href) return false;
    const target = new URL(href);
    return target.origin === location.origin && target.pathname === location.pathname && target.search === location.search && target.hash !== '';
  });
}
