import type { Browser, BrowserContextOptions, ElementHandle, Page } from '@playwright/test';
import pLimit from 'p-limit';
import { fillForm } from './forms.js';
import { chooseLocator } from './locate.js';
import { settledState, capture, type PageState } from './observe.js';
import { effectSignature, outcomeChecks, visibleCheck, type OutcomeOptions } from './outcome.js';
import { exploreStates, type StateLimits } from './states.js';
import { findByRole } from './page-model.js';
import { toLocator } from './locator-spec.js';
import type { GeneratedTest, LocatorSpec, SkippedCandidate, Step } from './types.js';
import { changedTexts, isStableText } from './volatile.js';

export interface Explorer {
  browser: Browser;
  contextOptions: BrowserContextOptions;
  timeout: number;
  /** Pages explored at once. */
  concurrency: number;
}

/** Runs `fn` on `url` in a fresh context, as each generated test starts: no cookies, no storage. */
export async function withFreshPage<T>(explorer: Explorer, url: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await explorer.browser.newContext(explorer.contextOptions);
  context.setDefaultTimeout(explorer.timeout);
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await fn(page);
  } finally {
    await context.close();
  }
}

/** States left to explore, across pages, and the bounds of each exploration. */
export interface StateBudget {
  remaining: number;
  limits: StateLimits;
}

export interface PageFindings {
  finalUrl: string;
  tests: GeneratedTest[];
  skipped: SkippedCandidate[];
  /** Pages the navigation tests reached, to explore next. */
  reached: string[];
}

interface Control {
  name: string;
  spec: LocatorSpec;
}

interface Inventory {
  finalUrl: string;
  label: string;
  content: Step[];
  links: (Control & { href: string })[];
  buttons: Control[];
  forms: number;
  unlocatable: string[];
  /** Texts that differed between two loads of the page. */
  changed: Set<string>;
}

const MAX_HEADINGS = 5;
const MAX_HEADING_TEXT = 80;

async function linkTarget(handle: ElementHandle<Element>): Promise<{ href: string; newTab: boolean; download: boolean } | undefined> {
  return handle.evaluate((el) => {
    const a = el as HTMLAnchorElement;
    if (!a.href) return undefined;
    return { href: a.href, newTab: a.target === '_blank', download: a.hasAttribute('download') };
  });
}

/** A link worth a navigation test: same origin, http(s), opens in this tab, and leaves the current document. */
function isNavigation(href: string, current: string): boolean {
  const target = new URL(href);
  const here = new URL(current);
  if (!['http:', 'https:'].includes(target.protocol) || target.origin !== here.origin) return false;
  const withoutHash = (url: URL) => url.href.slice(0, url.href.length - url.hash.length);
  // Same document: only a fragment that looks like a route (#/... or #?...) is navigation.
  if (withoutHash(target) === withoutHash(here)) return /^#[/?!]/.test(target.hash) && target.hash !== here.hash;
  return true;
}

/** The page as a fresh visitor sees it once it settles: a second observation to compare with. */
function revisit(explorer: Explorer, url: string): Promise<PageState> {
  return withFreshPage(explorer, url, (page) => settledState(page, explorer.timeout));
}

async function inventory(explorer: Explorer, url: string): Promise<Inventory> {
  // A second visit that fails leaves only the shape rules: the page is still explored.
  const second = revisit(explorer, url).catch(() => undefined);
  return withFreshPage(explorer, url, async (page) => {
    const state = await settledState(page, explorer.timeout);
    const again = await second;
    const changed = again ? changedTexts([state.title, ...state.texts], [again.title, ...again.texts]) : new Set<string>();
    const stable = (text: string) => isStableText(text, changed);
    const label = state.title || new URL(state.url).pathname;
    const content: Step[] = [];
    if (state.title && stable(state.title)) content.push({ kind: 'expectTitle', title: state.title, description: `the title is "${state.title}"` });
    if (state.url !== url) content.push({ kind: 'expectUrl', url: state.url, description: `it ends at ${state.url}` });
    const headings = (await findByRole(page, ['heading'], explorer.timeout)).filter((h) => h.name && h.name.length <= MAX_HEADING_TEXT && stable(h.name));
    for (const heading of headings) {
      if (content.filter((step) => step.kind === 'expectVisible').length >= MAX_HEADINGS) break;
      const check = await visibleCheck(page, heading.handle, 'heading', heading.name);
      if (check) content.push({ ...check, description: `heading "${heading.name}" is visible` });
    }
    if (!headings.length) {
      const blocks = (await capture(page)).blocks.filter(({ block }) => stable(block.text)).sort((a, b) => a.block.rank - b.block.rank).slice(0, 10);
      for (const { block, handle } of blocks) {
        if (content.filter((step) => step.kind === 'expectVisible').length >= 3) break;
        const check = await visibleCheck(page, handle, block.role, block.text);
        if (check) content.push(check);
      }
    }
    const unlocatable: string[] = [];
    const links: Inventory['links'] = [];
    for (const link of await findByRole(page, ['link'], explorer.timeout)) {
      const target = await linkTarget(link.handle);
      if (!target || target.newTab || target.download || !isNavigation(target.href, state.url)) continue;
      const spec = await chooseLocator(page, link.handle, link.facts, link.role, link.name);
      if (spec) links.push({ name: link.name || link.facts.text, spec, href: target.href });
      else unlocatable.push(`link "${link.name}"`);
    }
    const buttons: Control[] = [];
    for (const button of await findByRole(page, ['button'], explorer.timeout)) {
      // Buttons in forms submit them; disclosures and buttons in list items are explored as interactions.
      const elsewhere = await button.handle.evaluate((el) => Boolean(el.closest('form, li, [role=listitem]') || (el as HTMLButtonElement).form || el.hasAttribute('aria-expanded')));
      if (elsewhere) continue;
      const spec = await chooseLocator(page, button.handle, button.facts, button.role, button.name);
      if (spec) buttons.push({ name: button.name || button.facts.text, spec });
      else unlocatable.push(`button "${button.name}"`);
    }
    const forms = (await visibleForms(page)).length;
    return { finalUrl: state.url, label, content, links, buttons, forms, unlocatable, changed };
  });
}

async function visibleForms(page: Page): Promise<ElementHandle<Element>[]> {
  const forms: ElementHandle<Element>[] = [];
  for (const form of await page.locator('form').all()) {
    if (!(await form.isVisible())) continue;
    const handle = await form.elementHandle();
    if (handle) forms.push(handle);
  }
  return forms;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** What a submit that shows no change still promises: the page stays, and so do the values typed. */
function unchangedChecks(url: string, filled: Step[]): Step[] {
  const checks: Step[] = [{ kind: 'expectUrl', url, description: `it stays on ${url}` }];
  for (const step of filled) {
    if (step.kind !== 'fill' || checks.length > 2) continue;
    checks.push({ kind: 'expectValue', target: step.target, value: step.value, description: `the field keeps "${step.value}"` });
  }
  return checks;
}

function outcomeOptions(explorer: Explorer, changed: Set<string>): OutcomeOptions {
  return { timeout: explorer.timeout, changed, reload: (url) => revisit(explorer, url) };
}

/** Clicks a control on a fresh page and records what it changed. */
async function probeClick(explorer: Explorer, url: string, control: Control, changed: Set<string>): Promise<{ checks: Step[]; reached: string; title: string; effect: string }> {
  return withFreshPage(explorer, url, async (page) => {
    const before = await settledState(page, explorer.timeout);
    await toLocator(page, control.spec).click();
    const checks = await outcomeChecks(page, before, outcomeOptions(explorer, changed));
    return { checks, reached: page.url(), title: await page.title(), effect: effectSignature(checks, before.items) };
  });
}

async function probeForm(explorer: Explorer, url: string, index: number, changed: Set<string>): Promise<{ steps: Step[]; effect: string } | { reason: string }> {
  return withFreshPage(explorer, url, async (page) => {
    await settledState(page, explorer.timeout);
    const form = (await visibleForms(page))[index];
    if (!form) return { reason: 'the form is not there on a second visit' };
    const plan = await fillForm(page, form, explorer.timeout);
    if ('reason' in plan) return plan;
    const before = await settledState(page, explorer.timeout);
    if (plan.submit.kind !== 'submit') return { reason: 'no submit step' };
    await toLocator(page, plan.submit.target).click();
    const checks = await outcomeChecks(page, before, outcomeOptions(explorer, changed));
    if (!checks.length) checks.push(...unchangedChecks(before.url, plan.steps));
    return { steps: [...plan.steps, plan.submit, ...checks], effect: effectSignature(checks, before.items) };
  });
}

/**
 * Explores one page: its key content, each same-origin link not covered yet (`coveredLinks`), each
 * form and each button outside a form, every one probed on a fresh page to see what it does; no
 * more probes than about `budget` tests need. Then the states its interactions build, while `states`
 * has some left (shared by every page explored).
 */
export async function explorePage(explorer: Explorer, url: string, coveredLinks: Set<string>, budget: number, states: StateBudget): Promise<PageFindings> {
  const found = await inventory(explorer, url);
  const { label, finalUrl } = found;
  const tests: GeneratedTest[] = [];
  const skipped: SkippedCandidate[] = found.unlocatable.map((what) => ({
    title: `${label}: ${what}`,
    reason: 'no role, label, placeholder, text or test id finds it alone (coordinates and CSS are not used)',
  }));
  const reached: string[] = [];
  if (found.content.some((step) => step.kind === 'expectVisible' || step.kind === 'expectTitle')) {
    tests.push({ title: `${label}: shows its key content`, kind: 'content', url, steps: found.content });
  }
  type Outcome = { test?: GeneratedTest; skip?: SkippedCandidate; reached?: string };
  type Probe = { title: string; run: () => Promise<Outcome> };
  const probes: Probe[] = [];
  for (let index = 0; index < found.forms; index++) {
    const title = `${label}: form ${found.forms > 1 ? `${index + 1} ` : ''}submits`;
    probes.push({ title, run: async () => {
      const result = await probeForm(explorer, url, index, found.changed);
      return 'reason' in result ? { skip: { title, reason: result.reason } } : { test: { title, kind: 'form', url, steps: result.steps, effect: result.effect } };
    } });
  }
  // A few probes beyond what the budget needs, for those that find nothing to test.
  const room = () => probes.length < budget - tests.length + 2;
  for (const link of found.links) {
    if (coveredLinks.has(link.href) || !room()) continue;
    coveredLinks.add(link.href);
    probes.push({ title: `${label}: link "${link.name}"`, run: async () => {
      const { checks, reached: to, title: toTitle, effect } = await probeClick(explorer, url, link, found.changed);
      const title = `${label}: link "${link.name}" opens ${toTitle ? `"${toTitle}"` : new URL(to).pathname}`;
      if (!checks.length) return { reached: to, skip: { title, reason: 'following it changes nothing a test can see' } };
      const click: Step = { kind: 'click', target: link.spec, description: `click link "${link.name}"` };
      return { reached: to, test: { title, kind: 'navigation', url, steps: [click, ...checks], effect } };
    } });
  }
  for (const button of found.buttons) {
    if (!room()) break;
    const title = `${label}: button "${button.name}"`;
    probes.push({ title, run: async () => {
      const { checks, effect } = await probeClick(explorer, url, button, found.changed);
      if (!checks.length) return { skip: { title, reason: 'clicking it changes nothing a test can see' } };
      const click: Step = { kind: 'click', target: button.spec, description: `click button "${button.name}"` };
      return { test: { title, kind: 'button', url, steps: [click, ...checks], effect } };
    } });
  }
  // Exploring waits on the browser far more than it computes: a few pages at once finish much sooner.
  const outcomes = await pLimit(explorer.concurrency).map(probes, (probe) =>
    probe.run().catch((error: unknown): Outcome => ({ skip: { title: probe.title, reason: `exploring it failed: ${firstLine(error)}` } })),
  );
  for (const outcome of outcomes) {
    if (outcome.test) tests.push(outcome.test);
    if (outcome.skip) skipped.push(outcome.skip);
    if (outcome.reached) reached.push(outcome.reached);
  }
  if (states.remaining > 0) {
    const explored = await exploreStates(explorer, url, label, outcomeOptions(explorer, found.changed), { ...states.limits, maxStates: states.remaining });
    states.remaining -= explored.states;
    tests.push(...explored.tests);
    skipped.push(...explored.skipped);
  }
  return { finalUrl, tests, skipped, reached };
}

