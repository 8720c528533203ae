import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';

/**
 * An axe-core scan of the page as it stands: no serious or critical violation, each named with its
 * nodes when there is one. Its tables are checked too: a column's header is right-aligned (`num`)
 * exactly when the column's cells are, so a header sits over its numbers.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`), page.url()).toEqual([]);
  const misaligned = await page.locator('table').evaluateAll((tables) =>
    tables.flatMap((table) => {
      const headers = [...table.querySelectorAll('thead th')];
      const cells = [...(table.querySelector('tbody tr')?.children ?? [])];
      return headers.flatMap((header, i) => {
        const cell = cells[i];
        return cell && header.classList.contains('num') !== cell.classList.contains('num') ? [`${table.querySelector('caption')?.textContent ?? 'table'}: ${header.textContent ?? ''}`] : [];
      });
    }),
  );
  expect(misaligned, `${page.url()}: headers aligned unlike their column`).toEqual([]);
}
