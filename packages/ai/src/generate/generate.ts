import type { Browser, Page } from '@playwright/test';
import pLimit from 'p-limit';
import { explorePage, type Explorer, type StateBudget } from './explore.js';
import { mergeDuplicates, uniqueTitles } from './merge.js';
import { renderSpec } from './render-spec.js';
import { renderYaml } from './render-yaml.js';
import { replay, replayYaml } from './replay.js';
import type { GenerateOptions, GenerateResult, GeneratedTest, SkippedCandidate } from './types.js';

export const DEFAULT_DEPTH = 1;
export const DEFAULT_MAX_TESTS = 50;
const DEFAULT_MAX_PAGES = 20;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CONCURRENCY = 3;
export const DEFAULT_MAX_STATES = 6;
export const DEFAULT_STATE_DEPTH = 3;
export const DEFAULT_STATE_SECONDS = 120;

function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`generate: "${url}" is not a URL; give an absolute http(s) URL such as http://localhost:3000/`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol)) {
    throw new Error(`generate: "${url}" uses ${parsed.protocol}; only http and https pages can be explored`);
  }
  return parsed;
}

function nonNegativeInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`generate: ${what} must be a whole number >= 0, got ${value}`);
  return value;
}

/** Page URLs compare without their fragment unless the fragment is a route (#/...). */
function pageKey(url: string): string {
  const parsed = new URL(url);
  return /^#[/?!]/.test(parsed.hash) ? parsed.href : parsed.href.slice(0, parsed.href.length - parsed.hash.length);
}

/**
 * Replays a candidate twice as spec steps and once as YAML actions: undefined when all pass, else
 * whether it never passed (failed) or passed and then did not (flaky), with the first failure.
 */
async function replayed(explorer: Explorer, test: GeneratedTest): Promise<{ failed?: string; flaky?: string } | undefined> {
  const first = await replay(explorer, test);
  if (first) return { failed: first };
  const again = (await replay(explorer, test)) ?? (await replayYaml(explorer, test));
  return again ? { flaky: again } : undefined;
}

/**
 * Explores a web app from a page, following same-origin links `depth` levels deep, and writes tests
 * for what it saw: each page's key content, each link, each form (filled with valid values and
 * submitted) and each button, every test asserting the outcome exploring observed; then the states
 * that interactions build (typing and Enter, checking, choosing, expanding, editing, removing), for
 * interaction tests and short scenarios. Tests with the same page, control role and effect are
 * merged. Every test is replayed on fresh pages, twice as spec steps and once as YAML actions, before
 * it is kept; one that passes and then fails is listed as flaky.
 *
 * Given a Page, exploring starts at its URL in fresh contexts of its browser (the tests it writes
 * start without cookies too). Given a URL, it uses `options.browser` or launches Chromium with
 * `options.launchOptions`.
 */
export async function generate(target: Page | string, options: GenerateOptions = {}): Promise<GenerateResult> {
  const depth = nonNegativeInteger(options.depth, 1, 'depth');
  const maxTests = nonNegativeInteger(options.maxTests, DEFAULT_MAX_TESTS, 'maxTests');
  const maxPages = nonNegativeInteger(options.maxPages, DEFAULT_MAX_PAGES, 'maxPages');
  const timeout = options.actionTimeout ?? DEFAULT_TIMEOUT_MS;
  const states: StateBudget = {
    remaining: nonNegativeInteger(options.maxStates, DEFAULT_MAX_STATES, 'maxStates'),
    limits: {
      maxStates: 0,
      depth: nonNegativeInteger(options.stateDepth, DEFAULT_STATE_DEPTH, 'stateDepth'),
      deadline: Date.now() + nonNegativeInteger(options.stateSeconds, DEFAULT_STATE_SECONDS, 'stateSeconds') * 1000,
    },
  };
  let browser: Browser;
  let startUrl: string;
  let ownBrowser = false;
  const contextOptions: Explorer['contextOptions'] = {};
  if (typeof target === 'string') {
    startUrl = checkUrl(target).href;
    if (options.browser) browser = options.browser;
    else {
      const { chromium } = await import('@playwright/test');
      browser = await chromium.launch(options.launchOptions);
      ownBrowser = true;
    }
  } else {
    startUrl = checkUrl(target.url()).href;
    const fromPage = target.context().browser();
    if (!fromPage) {
      throw new Error('generate(page): the page has no Browser (a persistent context?); pass its URL and launchOptions instead, so exploring can open fresh contexts');
    }
    browser = fromPage;
    const viewport = target.viewportSize();
    if (viewport) contextOptions.viewport = viewport;
  }
  const explorer: Explorer = { browser, contextOptions, timeout, concurrency: Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY)) };
  try {
    const found: GeneratedTest[] = [];
    const skipped: SkippedCandidate[] = [];
    const pages: string[] = [];
    const visited = new Set<string>();
    const covered = new Set<string>();
    const queue: { url: string; level: number }[] = [{ url: startUrl, level: 0 }];
    while (queue.length && pages.length < maxPages && found.length < maxTests) {
      const { url, level } = queue.shift()!;
      if (visited.has(pageKey(url))) continue;
      visited.add(pageKey(url));
      const findings = await explorePage(explorer, url, covered, maxTests - found.length, states);
      visited.add(pageKey(findings.finalUrl));
      pages.push(findings.finalUrl);
      found.push(...findings.tests);
      skipped.push(...findings.skipped);
      if (level < depth) for (const next of findings.reached) if (!visited.has(pageKey(next))) queue.push({ url: next, level: level + 1 });
    }
    const { kept: distinct, merged } = mergeDuplicates(found);
    for (const test of distinct.slice(maxTests)) skipped.push({ title: test.title, reason: `over the limit of ${maxTests} tests` });
    const candidates = distinct.slice(0, maxTests);
    const outcomes = await pLimit(explorer.concurrency).map(candidates, (test) => replayed(explorer, test));
    const tests: GeneratedTest[] = [];
    const flaky: SkippedCandidate[] = [];
    candidates.forEach((test, i) => {
      const outcome = outcomes[i];
      if (outcome?.failed) skipped.push({ title: test.title, reason: `did not pass when replayed: ${outcome.failed}` });
      else if (outcome?.flaky) flaky.push({ title: test.title, reason: `passed once, then failed: ${outcome.flaky}` });
      else tests.push(test);
    });
    const name = options.name ?? `Generated tests for ${new URL(startUrl).host}`;
    const titled = uniqueTitles(tests);
    merged.push(...titled.merged);
    const unique = titled.kept;
    return {
      name,
      startUrl,
      pages,
      tests: unique,
      skipped,
      merged,
      flaky,
      spec: renderSpec(name, startUrl, unique),
      yaml: renderYaml(name, startUrl, unique),
    };
  } finally {
    if (ownBrowser) await browser.close();
  }
}
