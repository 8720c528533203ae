import { test, expect } from '@playwright/test';
import { toCode, toSelector } from '@panoptic/ai';
import { LOCATOR_CASES } from '../../helpers/locator-cases.js';


test('each locator renders as codegen-style code and as the selector a YAML action uses', () => {
  for (const [spec, code, selector] of LOCATOR_CASES) {
    expect(toCode(spec)).toBe(code);
    expect(toSelector(spec)).toBe(selector);
  }
});
