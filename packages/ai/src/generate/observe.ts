import type { ElementHandle, Page } from '@playwright/test';
import { chooseLocator } from './locate.js';
import { elementFacts } from './page-model.js';
import type { Step } from './types.js';
import { changedTexts, isStableText, looksVolatile } from './volatile.js';

/** A piece of visible text and the element that shows it. */
interface TextBlock {
  text: string;
  /** 0: an alert or status message, 1: a heading, 2: has a test id, 3: other text. */
  rank: number;
  role: string | undefined;
}

interface ControlState {
  key: string;
  value: string;
  checked: boolean;
}

/** What a person sees on the page at one moment: its URL, title, texts and form values. */
export interface PageState {
  url: string;
  title: string;
  texts: Set<string>;
  controls: Map<string, ControlState>;
}

interface Capture {
  state: PageState;
  blocks: { block: TextBlock; handle: ElementHandle<Element> }[];
  controls: { control: ControlState; handle: ElementHandle<Element> }[];
}

/** Longest text block worth asserting: longer ones are prose, not an outcome. */
const MAX_BLOCK = 120;

/** Runs in the page: its visible texts (outside controls) and form values, with the elements that hold them. */
const collectInPage = ({ maxBlock, withElements }: { maxBlock: number; withElements: boolean }) => {
  const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
  const blocks: Element[] = [];
  const blockInfo: { text: string; rank: number; role: string | undefined }[] = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (!(el instanceof HTMLElement) || ['SCRIPT', 'STYLE', 'OPTION', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    const ownText = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    // Controls act when clicked; an outcome is what a person reads.
    if (!ownText || !el.checkVisibility() || el.closest('a, button, label, summary, select, [role=button], [role=link]')) continue;
    const text = clean(el.textContent ?? '');
    if (!text || text.length > maxBlock) continue;
    const explicit = el.getAttribute('role') ?? undefined;
    const heading = /^H[1-6]$/.test(el.tagName) ? 'heading' : undefined;
    const role = explicit ?? heading;
    const rank = role === 'alert' || role === 'status' ? 0 : role === 'heading' ? 1 : el.hasAttribute('data-testid') ? 2 : 3;
    blocks.push(el);
    blockInfo.push({ text, rank, role });
  }
  const controls: Element[] = [];
  const controlInfo: { key: string; value: string; checked: boolean }[] = [];
  document.querySelectorAll('input, select, textarea').forEach((el, index) => {
    const field = el as HTMLInputElement;
    if (field.type === 'hidden' || field.type === 'password' || !field.checkVisibility()) return;
    controls.push(el);
    controlInfo.push({ key: `${el.tagName}|${field.name}|${field.id}|${index}`, value: field.value, checked: Boolean(field.checked) });
  });
  const texts = { blockInfo, controlInfo, url: location.href, title: document.title };
  return withElements ? { ...texts, blocks, controls } : { ...texts, blocks: [], controls: [] };
};

/** What the page shows now, without element handles: cheap enough to poll. */
async function look(page: Page): Promise<PageState> {
  const data = await page.evaluate(collectInPage, { maxBlock: MAX_BLOCK, withElements: false });
  return {
    url: data.url,
    title: data.title,
    texts: new Set(data.blockInfo.map((block) => block.text)),
    controls: new Map(data.controlInfo.map((control) => [control.key, control])),
  };
}

async function capture(page: Page): Promise<Capture> {
  const found = await page.evaluateHandle(collectInPage, { maxBlock: MAX_BLOCK, withElements: true });
  const data = await found.evaluate(({ blockInfo, controlInfo, url, title }) => ({ blockInfo, controlInfo, url, title }));
  const blockHandles = [...(await (await found.getProperty('blocks')).getProperties()).values()];
  const controlHandles = [...(await (await found.getProperty('controls')).getProperties()).values()];
  await found.dispose();
  return {
    state: {
      url: data.url,
      title: data.title,
      texts: new Set(data.blockInfo.map((block) => block.text)),
      controls: new Map(data.controlInfo.map((control) => [control.key, control])),
    },
    blocks: data.blockInfo.map((block, i) => ({ block, handle: blockHandles[i]!.asElement()! })),
    controls: data.controlInfo.map((control, i) => ({ control, handle: controlHandles[i]!.asElement()! })),
  };
}

function signature(state: PageState): string {
  return JSON.stringify([state.url, state.title, [...state.texts], [...state.controls.values()]]);
}

/** The page once it stops changing: loaded, and the same on two looks in a row (bounded by `timeout`). */
export async function settledState(page: Page, timeout: number): Promise<PageState> {
  await page.waitForLoadState('load', { timeout }).catch(() => undefined);
  const deadline = Date.now() + timeout;
  let last = await look(page);
  while (Date.now() < deadline) {
    await page.waitForTimeout(150);
    const next = await look(page);
    if (signature(next) === signature(last)) return next;
    last = next;
  }
  return last;
}

/** How many outcome checks a test gets: enough to pin the outcome, few enough to stay readable. */
const MAX_OUTCOME_CHECKS = 2;

export interface OutcomeOptions {
  timeout: number;
  /** Texts already seen to change between two loads of the page the action started on. */
  changed: ReadonlySet<string>;
  /** Loads a URL afresh and tells what it shows: a second observation of a page a navigation reached. */
  reload: (url: string) => Promise<PageState>;
}

/**
 * The checks that pin down what changed since `before`: a new URL, new text (alerts and status
 * messages first, then headings, test ids, other text) and changed form values. Each check's locator
 * is verified on the live page. Text that changes from load to load is never asserted: after a
 * navigation the page reached is loaded a second time, and texts the two loads disagree on are left
 * out, as is text shaped like a clock, a date, a duration, an id or a count.
 */
export async function outcomeChecks(page: Page, before: PageState, options: OutcomeOptions): Promise<Step[]> {
  await settledState(page, options.timeout);
  const after = await capture(page);
  const checks: Step[] = [];
  const navigated = after.state.url !== before.url;
  if (navigated) checks.push({ kind: 'expectUrl', url: after.state.url, description: `the URL is ${after.state.url}` });
  const changed = navigated ? changedTexts(after.state.texts, (await options.reload(after.state.url)).texts) : options.changed;
  const fresh = after.blocks
    .filter(({ block }) => !before.texts.has(block.text) && isStableText(block.text, changed))
    .sort((a, b) => a.block.rank - b.block.rank);
  let added = 0;
  const seen = new Set<string>();
  for (const { block, handle } of fresh) {
    if (added >= MAX_OUTCOME_CHECKS) break;
    if (seen.has(block.text)) continue;
    const step = await visibleCheck(page, handle, block.role, block.text);
    if (!step) continue;
    seen.add(block.text);
    checks.push(step);
    added++;
  }
  if (!navigated) {
    for (const { control, handle } of after.controls) {
      const old = before.controls.get(control.key);
      if (!old || added >= MAX_OUTCOME_CHECKS + 1) continue;
      const facts = await elementFacts(handle);
      if (old.value !== control.value && !looksVolatile(control.value)) {
        const target = await chooseLocator(page, handle, facts);
        if (target) checks.push({ kind: 'expectValue', target, value: control.value, description: `${describeField(facts)} shows "${control.value}"` });
      } else if (!old.checked && control.checked) {
        const target = await chooseLocator(page, handle, facts);
        if (target) checks.push({ kind: 'expectChecked', target, description: `${describeField(facts)} is checked` });
      }
    }
  }
  return checks;
}

function describeField(facts: { labels: string[]; placeholder?: string; tag: string }): string {
  return `"${facts.labels[0] ?? facts.placeholder ?? facts.tag}"`;
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

export { capture };
