import type { ElementHandle, JSHandle, Page } from '@playwright/test';

/** A piece of visible text and the element that shows it. */
export interface TextBlock {
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

/** A state attribute of a widget (a disclosure's aria-expanded, a tab's aria-selected). */
interface AriaState {
  key: string;
  name: string;
  value: string;
}

/** What a person sees on the page at one moment: its URL, title, texts, form values, list items and widget states. */
export interface PageState {
  url: string;
  title: string;
  texts: Set<string>;
  controls: Map<string, ControlState>;
  /** Visible list items on the whole page. */
  items: number;
  aria: Map<string, AriaState>;
}

interface Capture {
  state: PageState;
  blocks: { block: TextBlock; handle: ElementHandle<Element> }[];
  controls: { control: ControlState; handle: ElementHandle<Element> }[];
  aria: { state: AriaState; handle: ElementHandle<Element> }[];
}

/** Longest text block worth asserting: longer ones are prose, not an outcome. */
const MAX_BLOCK = 120;

/** Runs in the page: its visible texts (outside controls), form values, list items and widget states, with the elements that hold them. */
const collectInPage = ({ maxBlock, withElements }: { maxBlock: number; withElements: boolean }) => {
  const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
  const blocks: Element[] = [];
  const blockInfo: { text: string; rank: number; role: string | undefined }[] = [];
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    if (!(el instanceof HTMLElement) || ['SCRIPT', 'STYLE', 'OPTION', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    const ownText = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
    // Controls act when clicked; an outcome is what a person reads (a label's text too: a list item's, for one).
    if (!ownText || !el.checkVisibility() || el.closest('a, button, summary, select, [role=button], [role=link], [role=tab]')) continue;
    const text = clean(el.textContent ?? '');
    if (!text || text.length > maxBlock) continue;
    const explicit = el.getAttribute('role') ?? undefined;
    const heading = /^H[1-6]$/.test(el.tagName) ? 'heading' : undefined;
    const role = explicit ?? heading;
    const live = role === 'alert' || role === 'status' || Boolean(el.closest('[aria-live]:not([aria-live=off])'));
    const rank = live ? 0 : role === 'heading' ? 1 : el.hasAttribute('data-testid') ? 2 : 3;
    blocks.push(el);
    blockInfo.push({ text, rank, role });
  }
  const controls: Element[] = [];
  const controlInfo: { key: string; value: string; checked: boolean }[] = [];
  // Keyed by what names a field, with a count only among fields named alike: an item added above
  // a field must not make it look like another one.
  const seenKeys = new Map<string, number>();
  document.querySelectorAll('input, select, textarea').forEach((el) => {
    const field = el as HTMLInputElement;
    if (field.type === 'hidden' || field.type === 'password' || !field.checkVisibility()) return;
    const base = `${el.tagName}|${field.type}|${field.name}|${field.id}|${el.getAttribute('aria-label') ?? ''}|${field.type === 'radio' || field.type === 'checkbox' ? field.value : ''}`;
    const nth = seenKeys.get(base) ?? 0;
    seenKeys.set(base, nth + 1);
    controls.push(el);
    controlInfo.push({ key: `${base}|${nth}`, value: field.value, checked: Boolean(field.checked) });
  });
  const items = [...document.querySelectorAll('li, [role=listitem]')].filter((el) => {
    const role = el.getAttribute('role');
    return (!role || role === 'listitem') && el.checkVisibility();
  }).length;
  const ariaElements: Element[] = [];
  const ariaInfo: { key: string; name: string; value: string }[] = [];
  for (const name of ['aria-expanded', 'aria-selected', 'aria-pressed']) {
    for (const el of document.querySelectorAll(`[${name}]`)) {
      if (!el.checkVisibility()) continue;
      ariaElements.push(el);
      ariaInfo.push({ key: `${name}|${el.tagName}|${el.id}|${clean(el.textContent ?? '').slice(0, 60)}|${el.getAttribute('aria-label') ?? ''}`, name, value: el.getAttribute(name) ?? '' });
    }
  }
  const texts = { blockInfo, controlInfo, ariaInfo, items, url: location.href, title: document.title };
  return withElements ? { ...texts, blocks, controls, ariaElements } : { ...texts, blocks: [], controls: [], ariaElements: [] };
};

type Collected = { blockInfo: TextBlock[]; controlInfo: ControlState[]; ariaInfo: AriaState[]; items: number; url: string; title: string };

function toState(data: Collected): PageState {
  return {
    url: data.url,
    title: data.title,
    texts: new Set(data.blockInfo.map((block) => block.text)),
    controls: new Map(data.controlInfo.map((control) => [control.key, control])),
    items: data.items,
    aria: new Map(data.ariaInfo.map((entry) => [entry.key, entry])),
  };
}

/** What the page shows now, without element handles: cheap enough to poll. */
async function look(page: Page): Promise<PageState> {
  return toState(await page.evaluate(collectInPage, { maxBlock: MAX_BLOCK, withElements: false }));
}

async function elementsOf(found: JSHandle, key: string): Promise<ElementHandle<Element>[]> {
  return [...(await (await found.getProperty(key)).getProperties()).values()].map((handle) => handle.asElement()! as ElementHandle<Element>);
}

async function capture(page: Page): Promise<Capture> {
  const found = await page.evaluateHandle(collectInPage, { maxBlock: MAX_BLOCK, withElements: true });
  const data = await found.evaluate(({ blockInfo, controlInfo, ariaInfo, items, url, title }) => ({ blockInfo, controlInfo, ariaInfo, items, url, title }));
  const [blockHandles, controlHandles, ariaHandles] = [await elementsOf(found, 'blocks'), await elementsOf(found, 'controls'), await elementsOf(found, 'ariaElements')];
  await found.dispose();
  return {
    state: toState(data),
    blocks: data.blockInfo.map((block, i) => ({ block, handle: blockHandles[i]! })),
    controls: data.controlInfo.map((control, i) => ({ control, handle: controlHandles[i]! })),
    aria: data.ariaInfo.map((state, i) => ({ state, handle: ariaHandles[i]! })),
  };
}

function signature(state: PageState): string {
  return JSON.stringify([state.url, state.title, [...state.texts], [...state.controls.values()], state.items, [...state.aria.values()]]);
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

export { capture, type Capture };
