import { test, expect } from '@playwright/test';
import { generatedLocator as toLocator, toCode, toSelector } from '@panoptic/ai';
import { chromiumLaunchOptions } from '@panoptic/fixtures/config';
import { LOCATOR_CASES } from '../helpers/locator-cases.js';

test.use(chromiumLaunchOptions());

test('each rendered locator, as code and as a selector, finds the same single element on a real page', async ({ page }) => {
  await page.setContent(`
    <h1>It's "here"</h1>
    <button data-testid="sign-in">Sign in</button><button>Register</button>
    <label>Email <input></label>
    <div><code>log.resetLevel()</code><button>Run</button></div>
    <div><code>log.disableAll()</code><button>Run</button></div>
    <form><input placeholder="Log text"><button>Run</button></form>
    <p>Thank you</p><img alt="Logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`);
  for (const [spec] of LOCATOR_CASES.filter(([spec]) => !(spec.by === 'testid' && spec.value === 'a b'))) {
    const viaCode = toLocator(page, spec);
    const viaSelector = page.locator(toSelector(spec));
    expect(await viaCode.count(), toCode(spec)).toBe(1);
    expect(await viaSelector.count(), toSelector(spec)).toBe(1);
    expect(await viaCode.evaluate((el, other) => el === other, await viaSelector.elementHandle())).toBe(true);
  }
});
