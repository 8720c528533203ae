import { chromium, type Browser, type Page } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
import { expectAccessible } from './accessible.js';
import { payload, result, seedRuns } from './dashboard-seed.js';
import { test, expect, addUser, login } from './fixtures.js';

// The dashboard's changing flows in a real Chromium against the real server on PGlite: a manager
// quarantines a test (reason, expiry), sees it marked in the run and on the project's list, and
// releases it; a viewer sees the state but no form, and her forged posts are refused and change
// nothing; the manager sets quality gates and a run published after them shows each failed gate
// with its numbers, marked in the runs list. The new pages pass an axe scan.

const CHECKOUT = 'chromium › shop.spec.ts › checkout';
const CHECKOUT_PAGE = `/dashboard/projects/shop/test?key=${encodeURIComponent(CHECKOUT)}`;
const REASON = 'payment sandbox outage, PAN-12';

/** A browser context signed in with the API session `token`: the dashboard's cookie holds that same token. */
async function signedIn(browser: Browser, url: string, token: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  await context.addCookies([{ name: 'panoptic_session', value: token, url }]);
  return context.newPage();
}

const rows = (page: Page) => page.locator('main table tbody tr');

test('pglite: quarantine a test and release it, set gates a later run fails; a viewer sees both and can change neither', async ({ init, startServer, api, secrets }) => {
  const { password } = await init();
  const server = await startServer();
  const { url } = server;
  const admin = await login(api, url, 'admin', password);
  const mia = await addUser(api, url, admin, secrets, 'mia', 'manager');
  const vera = await addUser(api, url, admin, secrets, 'vera', 'viewer');
  for (const [name, members] of [['shop', [mia.id, vera.id]], ['billing', []]] as const) {
    const created = await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name, member_ids: members } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  await seedRuns(api, url, admin);
  const quarantine = async () => (await api(url, 'GET', '/api/v1/projects/shop/quarantine', { token: vera.token })).body.items ?? [];
  // A day a month ahead, as the date field takes it; the quarantine holds to the end of that day in UTC.
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  const browser = await chromium.launch(launchOptionsForChromium());
  try {
    const manager = await signedIn(browser, url, mia.token);
    const viewer = await signedIn(browser, url, vera.token);

    await test.step('a manager quarantines a test with a reason and an expiry; its page, the run and the project\'s list show it', async () => {
      // The first page is the first read of the runs tables: slow on a busy machine with PGlite.
      await manager.goto(CHECKOUT_PAGE, { timeout: 30_000 });
      await expect(manager.getByText('Not quarantined')).toBeVisible();
      await manager.getByLabel('Reason').fill(REASON);
      await manager.getByLabel(/^Until/).fill(until);
      await manager.getByRole('button', { name: 'Quarantine', exact: true }).click();
      await expect(manager).toHaveURL(/\/dashboard\/projects\/shop\/test\?key=/);
      await expect(manager.locator('dl.quarantine')).toContainText(`Reason${REASON}Bymia`);
      await expect(manager.locator('dl.quarantine')).toContainText(`Until${until} 23:59:59 UTC`);
      await expectAccessible(manager);
      expect(await quarantine()).toEqual([expect.objectContaining({ key: CHECKOUT, reason: REASON, expires_at: `${until}T23:59:59.999Z`, created_by: 'mia' })]);

      await manager.getByRole('link', { name: 'Run run-4' }).click();
      await expect(rows(manager).filter({ hasText: 'quarantined' })).toHaveText([/shop\.spec\.ts › checkout/]);
      await manager.getByRole('link', { name: 'shop', exact: true }).click();
      await manager.getByRole('link', { name: 'Quarantine', exact: true }).click();
      await expect(rows(manager)).toHaveCount(1);
      await expect(rows(manager).first()).toContainText(REASON);
      await expectAccessible(manager);
      await manager.getByRole('link', { name: CHECKOUT }).click();
      await expect(manager.getByRole('heading', { level: 1 })).toHaveText('checkout');
    });

    await test.step('a viewer sees the quarantine and no form; her forged posts are refused (403) and change nothing', async () => {
      await viewer.goto(CHECKOUT_PAGE, { timeout: 30_000 });
      await expect(viewer.locator('dl.quarantine')).toContainText(REASON);
      await expect(viewer.getByRole('button', { name: 'Release' })).toHaveCount(0);
      await expect(viewer.getByLabel('Reason')).toHaveCount(0);
      // Her own valid form token (the logout form's): only the permission can refuse these.
      const csrf = await viewer.locator('input[name=csrf]').first().inputValue();
      const post = async (path: string, form: Record<string, string>) => (await viewer.request.post(path, { form: { csrf, ...form }, maxRedirects: 0 })).status();
      expect(await post('/dashboard/projects/shop/quarantine/release', { key: CHECKOUT })).toBe(403);
      expect(await post('/dashboard/projects/shop/quarantine', { key: 'chromium › shop.spec.ts › cart', reason: 'mine', until })).toBe(403);
      expect(await post('/dashboard/projects/shop/gates', { min_pass_rate: '1' })).toBe(403);
      expect(await quarantine()).toEqual([expect.objectContaining({ key: CHECKOUT, reason: REASON })]);
      expect((await api(url, 'GET', '/api/v1/projects/shop/gates', { token: vera.token })).body.gates).toEqual({ min_pass_rate: null, max_new_failures: null, max_flaky_rate: null, max_duration: null });
    });

    await test.step('the manager releases it', async () => {
      await manager.getByRole('button', { name: 'Release' }).click();
      await expect(manager.getByText('Not quarantined')).toBeVisible();
      expect(await quarantine()).toEqual([]);
    });

    await test.step('the manager sets gates; a run published after them shows each failed gate with its numbers', async () => {
      await manager.getByRole('link', { name: 'shop', exact: true }).click();
      await manager.getByRole('link', { name: 'Quality gates', exact: true }).click();
      await expect(rows(manager).filter({ hasText: 'off' })).toHaveCount(4);
      await manager.getByLabel('Minimum pass rate (%)').fill('90');
      await manager.getByLabel('Maximum new failures (tests)').fill('0');
      await manager.getByRole('button', { name: 'Save gates' }).click();
      await expect(manager).toHaveURL(/\/dashboard\/projects\/shop\/gates$/);
      await expect(rows(manager)).toHaveText([/Minimum pass rate\s*min_pass_rate\s*90%/, /max_new_failures\s*0 tests/, /max_flaky_rate\s*off/, /max_duration\s*off/]);
      await expect(manager.getByText('Last changed by mia')).toBeVisible();
      await expectAccessible(manager);

      // Checkout and login fail: a pass rate of 50%, and login is new (it passed in run-4, the previous run of main).
      const start = new Date(Date.UTC(2026, 11, 1, 14)).toISOString();
      const tests = (['checkout', 'cart', 'search', 'login'] as const).map((title) => result(title, title === 'checkout' || title === 'login' ? 'unexpected' : 'expected', start));
      const published = await api(url, 'PUT', '/api/v1/projects/shop/runs/run-5', { token: admin, body: payload('run-5', 'main', 4, tests) });
      expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);

      await manager.getByRole('link', { name: 'Runs', exact: true }).click();
      await expect(rows(manager).filter({ hasText: 'gate failed' })).toHaveText([/^run-5/]);
      await manager.getByRole('link', { name: 'run-5' }).click();
      await expect(manager.locator('.verdict')).toHaveText('Verdict: failed 2 of 2 gates failed');
      const verdicts = manager.getByRole('table', { name: 'Quality gates as judged when the run was complete' }).locator('tbody tr');
      await expect(verdicts).toHaveText([/min_pass_rate\s*90%\s*50%\s*failed\s*min_pass_rate: 50\.0% < 90%/, /max_new_failures\s*0\s*1\s*failed\s*max_new_failures: 1 > 0/]);
      await expect(manager.getByRole('link', { name: 'chromium › shop.spec.ts › login' })).toBeVisible();
      await expectAccessible(manager);
    });

    await test.step('a viewer sees the gates and the verdict, and no form', async () => {
      await viewer.goto('/dashboard/projects/shop/gates');
      await expect(rows(viewer).first()).toContainText('90%');
      await expect(viewer.getByRole('button', { name: 'Save gates' })).toHaveCount(0);
      await viewer.goto('/dashboard/projects/shop/runs/run-5');
      await expect(viewer.locator('.verdict')).toContainText('2 of 2 gates failed');
    });
  } finally {
    await browser.close();
    // What the server said, for a failure that shows in the browser only as a refused connection.
    await test.info().attach('server output', { body: server.output(), contentType: 'text/plain' });
  }
});
