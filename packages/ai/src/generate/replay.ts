import { expect, type Page } from '@playwright/test';
import { withFreshPage, type Explorer } from './explore.js';
import { toLocator } from './locator-spec.js';
import { toActions, type YamlAction } from './render-yaml.js';
import type { GeneratedTest, Step } from './types.js';
import { pressOnPage } from './shortcuts.js';
import { playAction } from './widgets.js';

/** Plays one step with the same Playwright calls and matchers the generated spec uses. */
export async function playStep(page: Page, step: Step, timeout: number): Promise<void> {
  switch (step.kind) {
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
      await expect(toLocator(page, step.target)).toBeChecked({ checked: step.checked, timeout });
      return;
    case 'expectCount':
      await expect(toLocator(page, step.target)).toHaveCount(step.count, { timeout });
      return;
    case 'expectHidden':
      await expect(toLocator(page, step.target)).toBeHidden({ timeout });
      return;
    case 'expectFocused':
      await expect(toLocator(page, step.target)).toBeFocused({ timeout });
      return;
    case 'expectAttribute':
      await expect(toLocator(page, step.target)).toHaveAttribute(step.name, step.value, { timeout });
      return;
    case 'expectUrl':
      await expect(page).toHaveURL(step.url, { timeout });
      return;
    case 'expectTitle':
      await expect(page).toHaveTitle(step.title, { timeout });
      return;
    default:
      await playAction(page, step, timeout);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').find((line) => line.trim()) ?? 'failed';
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
    return firstLine(error);
  }
}

/** Plays one YAML action the way Panoptic's runner does: `page.locator(selector)` and the same checks. */
async function playYamlAction(page: Page, action: YamlAction, timeout: number): Promise<void> {
  const locator = page.locator(action.selector ?? 'html');
  const value = action.value ?? '';
  switch (action.type) {
    case 'click':
      return locator.click({ timeout });
    case 'double_click':
      return locator.dblclick({ timeout });
    case 'hover':
      return locator.hover({ timeout });
    case 'fill':
      return locator.fill(value, { timeout });
    case 'select_option':
      await locator.selectOption(value, { timeout });
      return;
    case 'press_key':
      return pressOnPage(page, action.keys ?? '');
    case 'submit':
      // parameters.keys: the runner clicks the field, then presses the keys.
      await locator.click({ timeout });
      if (action.keys) await page.keyboard.press(action.keys);
      await page.waitForLoadState();
      return;
    case 'assert_text':
      return expect(locator).toHaveText(value, { timeout });
    case 'assert_count':
      return expect(locator).toHaveCount(action.count ?? 0, { timeout });
    case 'assert_checked':
      return expect(locator).toBeChecked({ checked: action.checked ?? true, timeout });
    case 'assert_visible':
      return expect(locator).toBeVisible({ visible: action.visible ?? true, timeout });
    case 'assert_attribute':
      return expect(locator).toHaveAttribute(action.attribute ?? '', value, { timeout });
    case 'assert_value':
      return expect(locator).toHaveValue(value, { timeout });
    case 'assert_focused':
      return expect(locator).toBeFocused({ timeout });
    case 'assert_url':
      return expect(page).toHaveURL(action.url ?? '', { timeout });
    case 'assert_title':
      return expect(page).toHaveTitle(value, { timeout });
  }
}

/** Plays the test's YAML actions the way Panoptic's web platform does. */
export async function replayYaml(explorer: Explorer, test: GeneratedTest): Promise<string | undefined> {
  try {
    await withFreshPage(explorer, test.url, async (page) => {
      for (const action of test.steps.flatMap(toActions)) await playYamlAction(page, action, explorer.timeout);
    });
    return undefined;
  } catch (error) {
    return firstLine(error);
  }
}
