import { test, expect } from '@playwright/test';
// Internal: the cell rule of the audit log's CSV export, which the package does not export by name.
import { csvCell } from '../../../packages/server/dist/domain/audit-export.js';

test('a CSV cell a spreadsheet would run as a formula is written as text; other cells unchanged', () => {
  // A failed login records whatever username it was given: hostile text reaches the export.
  for (const hostile of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(hostile)).toBe(`'${hostile}`);
  for (const plain of ['alice', 'auth.login_failed', '2026-12-06T16:00:00.000Z', '{"reason":"wrong password"}', '', "it's"]) expect(csvCell(plain)).toBe(plain);
});
