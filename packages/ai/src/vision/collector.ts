import type { JSHandle, Page } from '@playwright/test';
import type { CollectOptions } from './dom-transfer.js';
import { source } from './generated/dom-collect-source.js';

type Collector = (options: CollectOptions) => string;

/**
 * The in-page collector (in-page/collect.ts, bundled at build into `source`), made once per document
 * and called again by later analyses: V8 optimizes a function it has run before, while evaluating
 * the source each time makes a new one (a tenth of the collection's time on a 10,000-element page).
 * It is held as a handle, not a global, so the page's own scripts never see it; a navigation
 * discards it with its document.
 */
const collectors = new WeakMap<Page, JSHandle<Collector>>();

export async function collectInPage(page: Page, options: CollectOptions): Promise<string> {
  const known = collectors.get(page);
  if (known) {
    try {
      return await known.evaluate((collect, args) => collect(args), options);
    } catch {
      // Its document is gone (a navigation): make it anew below, where any other error recurs.
      collectors.delete(page);
    }
  }
  const made = await page.evaluateHandle<Collector>(source);
  collectors.set(page, made);
  return made.evaluate((collect, args) => collect(args), options);
}
