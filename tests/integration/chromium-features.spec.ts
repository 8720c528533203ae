import { test, expect, chromium, type Browser } from '@playwright/test';
import { chromiumFeatureArgs, findChromium, launchOptionsForChromium } from '@panoptic/fixtures/chromium';

// Chromium's full headless mode builds the omnibox popup in WebUI for every window, a renderer
// process per Playwright context; Panoptic turns it off, and must keep every feature Playwright
// itself turns off while doing so (Chromium keeps only the last --disable-features switch).

test.skip(findChromium().source === 'playwright', "Playwright's own headless shell has no browser UI to turn off");

/** The --disable-features values of a launch command line, in order. */
const disabledFeatureSwitches = (commandLine: string): string[][] =>
  [...commandLine.matchAll(/--disable-features=(\S*)/g)].map((match) => (match[1] ?? '').split(',').filter(Boolean));

/** The browser-UI targets (WebUI the browser made for itself) of a browser with two contexts open. */
async function browserUi(browser: Browser): Promise<string[]> {
  for (let i = 0; i < 2; i++) await (await browser.newContext()).newPage();
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
  return targetInfos.filter((target) => target.url.startsWith('chrome://')).map((target) => target.url);
}

test('new contexts get no omnibox popup renderer with Panoptic launch options, and get one without', async () => {
  const options = launchOptionsForChromium();
  const panoptic = await chromium.launch(options);
  const plain = await chromium.launch({ executablePath: options.executablePath });
  try {
    expect(await browserUi(panoptic)).toEqual([]);
    // The same Chromium without the switch: the test would pass vacuously if it never made one.
    expect(await browserUi(plain)).toContain('chrome://omnibox-popup.top-chrome/');
  } finally {
    await panoptic.close();
    await plain.close();
  }
});

test("the switch repeats every feature Playwright turns off, so Chromium's last switch keeps them off", async () => {
  const server = await chromium.launchServer(launchOptionsForChromium());
  const commandLine = server.process().spawnargs.join(' ');
  await server.close();
  const switches = disabledFeatureSwitches(commandLine);
  expect(switches.length, commandLine).toBe(2);
  const [playwrights, last] = switches as [string[], string[]];
  expect(playwrights.length).toBeGreaterThan(0);
  expect(last).toEqual(expect.arrayContaining([...playwrights, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
});

test('under a Playwright release whose list is not known, nothing is added', () => {
  expect(chromiumFeatureArgs('0.1')).toEqual([]);
  expect(chromiumFeatureArgs()).toHaveLength(1);
});
