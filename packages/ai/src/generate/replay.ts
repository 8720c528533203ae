import { expect, type Page } from '@playwright/test';
import { withFreshPage, type Explorer } from './explore.js';
import { toLocator } from './locator-spec.js';
import { toAction } from './render-yaml.js';
import type { GeneratedTest, Step } from './types.js';

/** Plays one step with the same Playwright calls and matchers the generated spec uses. */
export async function playStep(page: Page, step: Step, timeout: number): Promise<void> {
  switch (step.kind) {
    case 'click':
    case 'submit':
      await toLocator(page, step.target).click({ timeout });
      return;
    case 'fill':
      await toLocator(page, step.target).fill(step.value, { timeout });
      return;
    case 'check':
      await toLocator(page, step.target).check({ timeout });
      return;
    case 'expectVisible': {
      const locator = toLocator(page, step.target);
      await expect(locator).toBeVisible({ timeout });
      if (step.text !== undefined) await expect(locator).toHaveText(step.text, { timeout });
      return;
    }
    case 'expectValue':
      await expect(toLocator(page, step.target)).toHaveValue(step.value, { timeout });
      return;
    case 'expectChecked':
      await expect(toLocator(page, step.target)).toBeChecked({ timeout });
      return;
    case 'expectUrl':
      await expect(page).toHaveURL(step.url, { timeout });
      return;
    case 'expectTitle':
      await expect(page).toHaveTitle(step.title, { timeout });
      return;
  }
}

/**
 * Plays a generated test from scratch on a fresh page. A test that does not pass here (content that
 * changes between visits, an outcome that depends on earlier probes) is not written out.
 */
export async function replay(explorer: Explorer, test: GeneratedTest): Promise<string | undefined> {
  try {
    await withFreshPage(explorer, test.url, async (page) => {
      for (const step of test.steps) await playStep(page, step, explorer.timeout);
    });
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n').find((line) => line.trim()) ?? 'failed';
  }
}

/** Plays the test's YAML actions the way Panoptic's web platform does: `page.locator(selector)`. */
export async function replayYaml(explorer: Explorer, test: GeneratedTest): Promise<string | undefined> {
  try {
    await withFreshPage(explorer, test.url, async (page) => {
      for (const step of test.steps) {
        const action = toAction(step);
        if (typeof action === 'string') continue;
        const locator = page.locator(action.selector);
        if (action.type === 'fill') await locator.fill(action.value ?? '', { timeout: explorer.timeout });
        else await locator.click({ timeout: explorer.timeout });
        if (action.type === 'submit') await page.waitForLoadState();
      }
    });
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n').find((line) => line.trim()) ?? 'failed';
  }
}
