import { test, expect } from '@playwright/test';
import { runPlaywright, writeProject, type InlineRun } from '../helpers/inline.js';
import { fakeCapabilities } from '../helpers/mobile.js';

// The `mobile` fixture for spec authors, on a real Appium server with @appium/fake-driver, which
// stands in for a phone (no Android or iOS device can exist here): it plays an XML app model with
// native-style elements, an alert and a page source, and logs the W3C actions it receives.

const SPEC = `
import { test, expect } from '@panoptic/fixtures';

test.use({ panopticAppium: { capabilities: ${JSON.stringify(fakeCapabilities())} }, actionTimeout: 1000 });

test.afterEach(async ({ appiumServer }) => {
  console.log('appium server at ' + (await appiumServer.url()));
});

test('ids, xpath and text find native elements; alerts and page source through the driver', async ({ mobile }) => {
  await mobile.fill('~username', 'demo');
  expect(await mobile.driver.$('~username').getText()).toBe('demo');
  await mobile.click('//MockButton[@id="sign-in"]', undefined);
  expect(await mobile.driver.getAlertText()).toBe('Welcome back!');
  await mobile.driver.acceptAlert();
  expect(await mobile.driver.getPageSource()).toContain('<MockListView id="products">');
  await mobile.click(undefined, 'Apple');
  await mobile.click('id=apple', undefined);
  expect(await mobile.driver.$('id:apple').getAttribute('clicks')).toBe('2');
  expect(mobile.kind).toBe('mobile');
});

test('taps, swipes and Enter are W3C actions on the screen', async ({ mobile }) => {
  await mobile.click(undefined, '30,60');
  await mobile.click(undefined, 'center');
  await mobile.swipe({ direction: 'up', distance: 0.5 });
  await mobile.submit('~username');
  const log = (await mobile.driver.getLogs('actions')) as { type: string; parameters?: { pointerType?: string }; actions: { type: string; x?: number; y?: number; value?: string }[] }[][];
  const moves = log.map((sequence) => sequence[0]!.actions.filter((a) => a.type === 'pointerMove').map((a) => [a.x, a.y]));
  // The app model's screen is 412 x 915.
  expect(moves).toEqual([[[30, 60]], [[206, 458]], [[206, 687], [206, 229]], []]);
  expect(log.slice(0, 3).map((sequence) => sequence[0]!.parameters?.pointerType)).toEqual(['touch', 'touch', 'touch']);
  expect(log[3]![0]!.actions).toContainEqual({ type: 'keyDown', value: '\\uE007' });
  expect(await mobile.driver.$('id:username').getAttribute('clicks')).toBe('1');
});

test('a lookup fails after actionTimeout, naming the selector', async ({ mobile }) => {
  await expect(mobile.click('~missing', undefined)).rejects.toThrow(
    "no element matches ~missing (accessibility id) within 1 s (the app's timeout bounds element lookups)",
  );
});

test('record fails naming a driver without screen recording', async ({ mobile }) => {
  await expect(mobile.startClip({ filename: 'clip.webm', durationMs: 1000 })).rejects.toThrow(
    /record: the Fake driver has no screen recording \\(Appium's start_recording_screen failed: unknown command/,
  );
});

test.describe('without a session to open', () => {
  test.use({ panopticAppium: undefined });
  test('the fixture says what it needs', async ({ mobile }) => {
    expect(mobile).toBeUndefined();
  });
});
`;

test.describe('the mobile fixture', () => {
  test.describe.configure({ mode: 'default' });
  let run: InlineRun;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const dir = writeProject({
      'playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ timeout: 30_000 });\n",
      'mobile.spec.ts': SPEC,
    });
    run = await runPlaywright(dir, ['--workers=1']);
  });

  const byTitle = (title: string) => {
    const all = (run.report?.suites ?? []).flatMap(function specs(s): { title: string; status: string; errors: string[] }[] {
      return [
        ...s.specs.map((spec) => ({
          title: spec.title,
          status: spec.tests[0]!.results.at(-1)?.status ?? 'not run',
          errors: spec.tests[0]!.results.at(-1)!.errors.map((e) => e.message ?? ''),
        })),
        ...(s.suites ?? []).flatMap(specs),
      ];
    });
    const result = all.find((t) => t.title === title);
    if (!result) throw new Error(`no test "${title}" in the run:\n${run.output}`);
    return result;
  };

  test('finds elements by accessibility id, xpath, id and text; alerts and page source are the driver\'s', () => {
    const result = byTitle('ids, xpath and text find native elements; alerts and page source through the driver');
    expect(result.status, result.errors.join('\n')).toBe('passed');
  });

  test('taps at points and the center, swipes and submits as W3C actions', () => {
    const result = byTitle('taps, swipes and Enter are W3C actions on the screen');
    expect(result.status, result.errors.join('\n')).toBe('passed');
  });

  test('the timeout bounds element lookups', () => {
    const result = byTitle('a lookup fails after actionTimeout, naming the selector');
    expect(result.status, result.errors.join('\n')).toBe('passed');
  });

  test('record on a driver without screen recording is a clear error naming it', () => {
    const result = byTitle('record fails naming a driver without screen recording');
    expect(result.status, result.errors.join('\n')).toBe('passed');
  });

  test('one Appium server serves the whole worker', () => {
    const workers = new Set(
      (run.report?.suites ?? []).flatMap(function all(s): number[] {
        return [...s.specs.filter((spec) => !spec.title.includes('says what it needs')).map((spec) => spec.tests[0]!.results[0]!.workerIndex), ...(s.suites ?? []).flatMap(all)];
      }),
    );
    expect(workers.size).toBe(1);
    const servers = new Set(run.stdout.match(/appium server at http:\/\/127\.0\.0\.1:\d+/g));
    expect(servers.size).toBe(1);
  });

  test('without a suite app or panopticAppium the fixture says what it needs', () => {
    const result = byTitle('the fixture says what it needs');
    expect(result.status).toBe('failed');
    expect(result.errors.join('\n')).toContain('The mobile fixture needs a session to open: play a suite app of type mobile, or set the panopticAppium option');
  });
});
