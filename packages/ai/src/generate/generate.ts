import type { Browser, Page } from '@playwright/test';
import pLimit from 'p-limit';
import { explorePage, type Explorer } from './explore.js';
import { renderSpec } from './render-spec.js';
import { renderYaml } from './render-yaml.js';
import { replay, replayYaml } from './replay.js';
import type { GenerateOptions, GenerateResult, GeneratedTest, SkippedCandidate } from './types.js';

export const DEFAULT_DEPTH = 1;
export const DEFAULT_MAX_TESTS = 50;
const DEFAULT_MAX_PAGES = 20;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_CONCURRENCY = 3;

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

/** Titles become YAML app names, which become file names: no slashes, no control characters, no repeats. */
function uniqueTitles(tests: GeneratedTest[]): GeneratedTest[] {
  const used = new Map<string, number>();
  return tests.map((test) => {
    const title = test.title.replace(/[\\/]/g, '∕').replace(/\p{Cc}/gu, ' ');
    const count = (used.get(title) ?? 0) + 1;
    used.set(title, count);
    return { ...test, title: count === 1 ? title : `${title} (${count})` };
  });
}

/**
 * Explores a web app from a page, following same-origin links `depth` levels deep, and writes tests
 * for what it saw: each page's key content, each link, each form (filled with valid values and
 * submitted) and each button, every test asserting the outcome exploring observed. Every test is
 * replayed on a fresh page, both as spec steps and as YAML actions, before it is kept.
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
      const findings = await explorePage(explorer, url, covered, maxTests - found.length);
      visited.add(pageKey(findings.finalUrl));
      pages.push(findings.finalUrl);
      found.push(...findings.tests);
      skipped.push(...findings.skipped);
      if (level < depth) for (const next of findings.reached) if (!visited.has(pageKey(next))) queue.push({ url: next, level: level + 1 });
    }
    for (const test of found.slice(maxTests)) skipped.push({ title: test.title, reason: `over the limit of ${maxTests} tests` });
    const failures = await pLimit(explorer.concurrency).map(found.slice(0, maxTests), async (test) => (await replay(explorer, test)) ?? (await replayYaml(explorer, test)));
    const tests: GeneratedTest[] = [];
    found.slice(0, maxTests).forEach((test, i) => {
      const failure = failures[i];
      if (failure) skipped.push({ title: test.title, reason: `did not pass when replayed: ${failure}` });
      else tests.push(test);
    });
    const name = options.name ?? `Generated tests for ${new URL(startUrl).host}`;
    const unique = uniqueTitles(tests);
    return {
      name,
      startUrl,
      pages,
      tests: unique,
      skipped,
      spec: renderSpec(name, startUrl, unique),
      yaml: renderYaml(name, startUrl, unique),
    };
  } finally {
    if (ownBrowser) await browser.close();
  }
}
