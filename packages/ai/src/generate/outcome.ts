import type { ElementHandle, Page } from '@playwright/test';
import { chooseLocator, findsExactly } from './locate.js';
import { toLocator } from './locator-spec.js';
import { capture, settledState, type Capture, type PageState } from './observe.js';
import { elementFacts, roleOf } from './page-model.js';
import type { ElementFacts } from './page-model.js';
import type { LocatorSpec, Step } from './types.js';
import { changedTexts, isStableText, looksVolatile } from './volatile.js';

/** How many new texts a test checks: enough to pin the outcome, few enough to stay readable. */
const MAX_TEXT_CHECKS = 2;
/** How many changed widget states and field values it checks. */
const MAX_STATE_CHECKS = 2;

export interface OutcomeOptions {
  timeout: number;
  /** Texts already seen to change between two loads of the page the action started on. */
  changed: ReadonlySet<string>;
  /** Loads a URL afresh and tells what it shows: a second observation of a page a navigation reached. */
  reload: (url: string) => Promise<PageState>;
  /** A value the interaction typed: text that shows it is the first thing to check. */
  typed?: string;
}

/** Every list item on the page, the way the checks count them (hidden ones are not counted). */
export const LIST_ITEMS: LocatorSpec = { by: 'role', role: 'listitem' };

function describeField(facts: { labels: string[]; placeholder?: string; tag: string }, name: string | undefined): string {
  return `"${name || (facts.labels[0] ?? facts.placeholder ?? facts.tag)}"`;
}

/** The locator codegen would write for a control whose state changed: by its role and name first. */
export async function controlLocator(page: Page, handle: ElementHandle<Element>, timeout: number): Promise<{ target: LocatorSpec; facts: ElementFacts; name: string | undefined } | undefined> {
  const facts = await elementFacts(handle);
  const named = await roleOf(page, handle, timeout).catch(() => undefined);
  const target = await chooseLocator(page, handle, facts, named?.role, named?.name || undefined);
  return target ? { target, facts, name: named?.name } : undefined;
}

/** A check that an element is visible with its text, or undefined when no preferred locator finds it. */
export async function visibleCheck(page: Page, handle: ElementHandle<Element>, role: string | undefined, text: string): Promise<Step | undefined> {
  const facts = await elementFacts(handle);
  const target = await chooseLocator(page, handle, facts, role, role ? text : undefined);
  if (!target) return undefined;
  // A locator that already names the text (getByText, a role's name) needs no separate text check.
  const saysText = (target.by === 'text' && target.value === text) || (target.by === 'role' && target.name === text);
  return {
    kind: 'expectVisible',
    target,
    ...(saysText ? {} : { text }),
    plain: !facts.insideControl,
    description: `"${text}" is visible`,
  };
}

async function textChecks(page: Page, before: PageState, after: Capture, changed: ReadonlySet<string>, typed: string | undefined): Promise<Step[]> {
  const shows = (text: string) => (typed && text.includes(typed) ? 0 : 1);
  const fresh = after.blocks
    .filter(({ block }) => !before.texts.has(block.text) && isStableText(block.text, changed))
    .sort((a, b) => shows(a.block.text) - shows(b.block.text) || a.block.rank - b.block.rank);
  const checks: Step[] = [];
  const seen = new Set<string>();
  for (const { block, handle } of fresh) {
    if (checks.length >= MAX_TEXT_CHECKS) break;
    if (seen.has(block.text)) continue;
    const step = await visibleCheck(page, handle, block.role, block.text);
    if (!step) continue;
    seen.add(block.text);
    checks.push(step);
  }
  return checks;
}

/** Text that was there and is gone (a removed item, a filtered one): checked hidden by its exact text. */
async function goneCheck(page: Page, before: PageState, after: Capture, changed: ReadonlySet<string>): Promise<Step | undefined> {
  for (const text of before.texts) {
    if (after.state.texts.has(text) || !isStableText(text, changed) || text.length > 80) continue;
    const target: LocatorSpec = { by: 'text', value: text, exact: true };
    if (await toLocator(page, target).isVisible().catch(() => true)) continue;
    return { kind: 'expectHidden', target, description: `"${text}" is no longer shown` };
  }
  return undefined;
}

async function countCheck(page: Page, before: PageState, after: Capture): Promise<Step | undefined> {
  if (after.state.items === before.items) return undefined;
  // The in-page count and the accessibility tree's must agree, or the check would not pass.
  if ((await toLocator(page, LIST_ITEMS).count()) !== after.state.items) return undefined;
  const count = after.state.items;
  return { kind: 'expectCount', target: LIST_ITEMS, count, description: `the page lists ${count} item${count === 1 ? '' : 's'} (was ${before.items})` };
}

async function stateChecks(page: Page, before: PageState, after: Capture, timeout: number): Promise<Step[]> {
  const checks: Step[] = [];
  for (const { state, handle } of after.aria) {
    const old = before.aria.get(state.key);
    if (checks.length >= MAX_STATE_CHECKS || !old || old.value === state.value) continue;
    const found = await controlLocator(page, handle, timeout);
    const label = found?.name || found?.facts.labels[0] || found?.facts.text;
    if (found) checks.push({ kind: 'expectAttribute', target: found.target, name: state.name, value: state.value, description: `"${label}" has ${state.name}="${state.value}"` });
  }
  for (const { control, handle } of after.controls) {
    const old = before.controls.get(control.key);
    if (checks.length >= MAX_STATE_CHECKS || !old) continue;
    const valueMoved = old.value !== control.value && !looksVolatile(control.value);
    if (!valueMoved && old.checked === control.checked) continue;
    const found = await controlLocator(page, handle, timeout);
    if (!found || !(await findsExactly(page, found.target, handle))) continue;
    const field = describeField(found.facts, found.name);
    if (valueMoved) checks.push({ kind: 'expectValue', target: found.target, value: control.value, description: `${field} shows "${control.value}"` });
    else checks.push({ kind: 'expectChecked', target: found.target, checked: control.checked, description: `${field} is ${control.checked ? 'checked' : 'unchecked'}` });
  }
  return checks;
}

/** A route in the fragment (#/active) changes the state of the same document, not the page. */
function withoutHash(url: string): string {
  return url.replace(/#.*$/, '');
}

/**
 * The checks that pin down what changed since `before`: a new URL; new text (what was typed first,
 * then alerts, live regions and status messages, headings, test ids, other text); on the same page
 * also the number of list items, text that went away, widget states (aria-expanded, aria-selected,
 * aria-pressed), checked states and field values. Each check's locator is verified on the live page.
 * Text that changes from load to load is never asserted: after a navigation the page reached is
 * loaded a second time, and texts the two loads disagree on are left out, as is text shaped like a
 * clock, a date, a duration, an id or a count.
 */
export async function outcomeChecks(page: Page, before: PageState, options: OutcomeOptions): Promise<Step[]> {
  await settledState(page, options.timeout);
  const after = await capture(page);
  const navigated = withoutHash(after.state.url) !== withoutHash(before.url);
  const checks: Step[] = [];
  if (after.state.url !== before.url) checks.push({ kind: 'expectUrl', url: after.state.url, description: `the URL is ${after.state.url}` });
  const changed = navigated ? changedTexts(after.state.texts, (await options.reload(after.state.url)).texts) : options.changed;
  checks.push(...(await textChecks(page, before, after, changed, options.typed)));
  if (navigated) return checks;
  const count = await countCheck(page, before, after);
  if (count) checks.push(count);
  if (count && count.kind === 'expectCount' && count.count < before.items) {
    const gone = await goneCheck(page, before, after, changed);
    if (gone) checks.push(gone);
  }
  checks.push(...(await stateChecks(page, before, after, options.timeout)));
  return checks;
}

/**
 * What a test's checks observed, without the texts: two tests on one page whose controls share a
 * role and whose effects have the same signature test the same thing.
 */
export function effectSignature(checks: Step[], itemsBefore?: number): string {
  const parts = new Set<string>();
  for (const check of checks) {
    if (check.kind === 'expectCount') parts.add(`count${check.count === 0 ? '0' : itemsBefore !== undefined && check.count > itemsBefore ? '+' : '-'}`);
    else if (check.kind === 'expectAttribute') parts.add(`${check.name}=${check.value}`);
    else if (check.kind === 'expectChecked') parts.add(`checked=${check.checked}`);
    else if (check.kind === 'expectValue') parts.add(`value=${check.value}`);
    else if (check.kind === 'expectUrl') parts.add(`url=${check.url}`);
    else if (check.kind.startsWith('expect')) parts.add(check.kind);
  }
  return [...parts].sort().join(',');
}
