import type { ElementHandle, Page } from '@playwright/test';
import { toLocator } from './locator-spec.js';
import { settledState } from './observe.js';
import { controlLocator } from './outcome.js';
import { shortcutsFrom, type Shortcut, type ShortcutHint } from './shortcut-keys.js';
import type { Step } from './types.js';
import type { Interaction } from './widgets.js';

/**
 * Runs in the page: every place it announces a keyboard shortcut, hidden ones too (a help panel
 * lists them before it is opened). Adjacent `<kbd>`s joined by "+", "-" or a space are one chord
 * ("<kbd>Ctrl</kbd>+<kbd>K</kbd>"); prose and titles are handed over only when they name a
 * modifier, which is what a chord written in words needs.
 */
const collectHints = (): ShortcutHint[] => {
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element) => clean(el.getAttribute('aria-label') || el.getAttribute('title') || el.getAttribute('placeholder') || el.textContent).slice(0, 60) || el.tagName.toLowerCase();
  const usable = (el: Element) => !el.closest('[inert], template') && !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true';
  const hints: ShortcutHint[] = [];
  for (const el of document.querySelectorAll('[aria-keyshortcuts]')) {
    if (usable(el)) hints.push({ source: 'aria-keyshortcuts', raw: el.getAttribute('aria-keyshortcuts') ?? '', on: nameOf(el) });
  }
  const joined = new Set<Element>();
  for (const kbd of document.querySelectorAll('kbd')) {
    if (joined.has(kbd) || kbd.parentElement?.closest('kbd') || !usable(kbd)) continue;
    let raw = kbd.textContent ?? '';
    for (let at: Element = kbd; ; ) {
      let between = '';
      let next = at.nextSibling;
      for (; next && next.nodeType === Node.TEXT_NODE; next = next.nextSibling) between += next.textContent ?? '';
      if (!(next instanceof Element) || next.tagName !== 'KBD' || !/^\s*[+-]?\s*$/.test(between)) break;
      raw += (between.trim() || ' ') + (next.textContent ?? '');
      joined.add(next);
      at = next;
    }
    hints.push({ source: 'kbd', raw: clean(raw), on: clean(kbd.parentElement?.textContent).slice(0, 80) });
  }
  const modifier = /ctrl|control|alt|option|shift|cmd|command|meta|⌘|⌥|⇧|⌃/i;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = clean(node.textContent);
    if (!parent || !modifier.test(text) || parent.closest('script, style, noscript, template, kbd') || !usable(parent)) continue;
    hints.push({ source: 'text', raw: text, on: clean(parent.textContent).slice(0, 80) });
  }
  for (const el of document.querySelectorAll('[title]')) {
    const title = el.getAttribute('title') ?? '';
    if (modifier.test(title) && usable(el)) hints.push({ source: 'text', raw: title, on: nameOf(el) });
  }
  for (const el of document.querySelectorAll('[accesskey]')) {
    if (usable(el)) hints.push({ source: 'accesskey', raw: el.getAttribute('accesskey') ?? '', on: nameOf(el) });
  }
  return hints;
};

/** The shortcuts the page announces, each chord once, in Playwright's `keyboard.press` syntax. */
export async function findShortcuts(page: Page): Promise<Shortcut[]> {
  return shortcutsFrom(await page.evaluate(collectHints));
}

/** Presses a chord as a person uses a shortcut, with no field focused, as the YAML action does: whatever has the focus is blurred. */
export async function pressOnPage(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

/** Plays a shortcut step as the spec does: the element it names blurred, then the key pressed. */
export async function pressStep(page: Page, step: Extract<Step, { kind: 'pressKey' }>, timeout: number): Promise<void> {
  if (step.blur) await toLocator(page, step.blur).blur({ timeout });
  await page.keyboard.press(step.key);
}

/** The element with the keyboard focus, when it is not the page itself. */
async function focusedElement(page: Page): Promise<ElementHandle<Element> | null> {
  const focused = await page.evaluateHandle(() => (document.activeElement && document.activeElement !== document.body ? document.activeElement : null));
  return focused.asElement();
}

/** A check that the press moved the keyboard focus to an element ("/" to the search box). */
async function focusCheck(page: Page, timeout: number): Promise<Step | undefined> {
  const handle = await focusedElement(page);
  if (!handle) return undefined;
  const found = await controlLocator(page, handle, timeout);
  if (!found) return undefined;
  const label = found.name || found.facts.labels[0] || found.facts.placeholder || found.facts.text || found.facts.tag;
  return { kind: 'expectFocused', target: found.target, description: `"${label}" has the focus` };
}

const ANNOUNCED: Record<Shortcut['source'], string> = {
  'aria-keyshortcuts': 'its aria-keyshortcuts',
  accesskey: 'its accesskey',
  kbd: 'a <kbd> hint',
  text: 'the page text',
};

/**
 * Pressing an announced shortcut. What it changed is observed like every other interaction; a
 * focus it moved is checked too. An accesskey is listed, not pressed: Playwright presses a key with
 * Alt held without its text, and Chromium activates access keys only on that text.
 */
export function shortcutInteraction(shortcut: Shortcut): Interaction {
  const where = `${ANNOUNCED[shortcut.source]} on "${shortcut.on}"`;
  const unplayable = shortcut.source === 'accesskey'
    ? `accesskey "${shortcut.key}" (${where}): Playwright's key presses with Alt carry no text, which Chromium needs to activate an access key`
    : undefined;
  return {
    kind: 'shortcut', role: 'key', name: shortcut.key, builds: false, again: !unplayable, ...(unplayable ? { unplayable } : {}),
    play: async (page, timeout) => {
      if (unplayable) return { reason: unplayable };
      // What an earlier step left focused (the field typed into) is blurred by a locator the spec can write.
      const focused = await focusedElement(page);
      const blur = focused ? (await controlLocator(page, focused, timeout))?.target : undefined;
      if (focused && !blur) return { reason: `the focus is on an element no locator finds, which the test must blur before pressing "${shortcut.key}"` };
      const step: Step = { kind: 'pressKey', key: shortcut.key, ...(blur ? { blur } : {}), description: `press "${shortcut.key}" (announced by ${where})` };
      await pressStep(page, step, timeout);
      await settledState(page, timeout);
      const focus = await focusCheck(page, timeout);
      return { steps: [step], checks: focus ? [focus] : [] };
    },
  };
}
