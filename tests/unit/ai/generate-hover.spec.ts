import { test, expect } from '@playwright/test';
// Internal steps of generation, imported from the build directly.
import { findInteractions } from '../../../packages/ai/dist/generate/widgets.js';
import { toActions } from '../../../packages/ai/dist/generate/render-yaml.js';
import { useBrowser } from '../../helpers/ai-pages.js';

// A list item's button that shows only under the pointer (TodoMVC's delete button) is found by
// hovering the item, and its test hovers the item again before the click.

const browser = useBrowser();

const LIST = `
  <style>li:not(:hover) button { display: none; }</style>
  <ul><li><span>Milk</span> <button aria-label="Delete Milk" onclick="this.closest('li').remove()">×</button></li><li><span>Bread</span> <button aria-label="Delete Bread">×</button></li></ul>`;

test('a button shown only on hover is found by hovering the first item, and its test hovers before clicking', async () => {
  const page = await browser.page(LIST);
  const remove = (await findInteractions(page, 5000, false)).find((interaction) => interaction.kind === 'remove');
  expect(remove?.name).toBe('Delete Milk');
  // Played on a fresh copy of the page, as exploring does: the pointer starts away from the list.
  const fresh = await browser.page(LIST);
  const played = await remove!.play(fresh, 5000, 0);
  expect(played).toMatchObject({ steps: [{ kind: 'hover', target: { by: 'text', value: 'Milk' } }, { kind: 'click', target: { by: 'role', role: 'button', name: 'Delete Milk' } }] });
  await expect(fresh.getByRole('listitem')).toHaveCount(1);
  if ('steps' in played) expect(played.steps.flatMap(toActions).map((action) => action.type)).toEqual(['hover', 'click']);
  await page.close();
  await fresh.close();
});
