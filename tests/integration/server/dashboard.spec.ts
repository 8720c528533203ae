import { chromium, type Page } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
import { test, expect, addUser, login, type Api, type ServerProcess } from './fixtures.js';
import { expectAccessible } from './accessible.js';
import { seedRuns } from './dashboard-seed.js';

// The dashboard in a real Chromium against the real server (`panoptic server start` on PGlite):
// sign in with a cookie, only the viewer's project shows, runs filter by branch and status, a run's
// tests by outcome and title, a test shows its timeline, error and artifacts, trends rank the flaky
// test, logout needs the form token, and every page passes an axe scan without serious violations.
// The same pages are read over plain HTTP on PostgreSQL, so the dashboard's SQL runs on both.

async function setUp(init: () => Promise<{ password: string }>, startServer: () => Promise<ServerProcess>, api: Api, secrets: Set<string>) {
  const { password } = await init();
  const server = await startServer();
  const { url } = server;
  await expect.poll(() => server.output()).toContain(`Dashboard: ${url}/dashboard`);
  const admin = await login(api, url, 'admin', password);
  const vera = await addUser(api, url, admin, secrets, 'vera', 'viewer');
  const bob = await addUser(api, url, admin, secrets, 'bob', 'viewer');
  const dave = await addUser(api, url, admin, secrets, 'dave', 'developer');
  for (const [name, members] of [['shop', [vera.id, dave.id]], ['billing', [bob.id]]] as const) {
    const created = await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name, member_ids: members } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  await seedRuns(api, url, admin);
  return { url, veraPassword: 'Vera-pass-2024' };
}

const rows = (page: Page) => page.locator('main table tbody tr');

test('pglite: sign in, see only one\'s projects, drill from runs to a test, trends and flaky ranking, logout; every page accessible', async ({ init, startServer, api, secrets }) => {
  const { url, veraPassword } = await setUp(init, startServer, api, secrets);
  const browser = await chromium.launch(launchOptionsForChromium());
  try {
    const context = await browser.newContext({ baseURL: url });
    const page = await context.newPage();

    await test.step('a page behind the login sends to the login form, and back after signing in', async () => {
      await page.goto('/dashboard/projects/shop');
      await expect(page).toHaveURL(/\/dashboard\/login\?next=/);
      await expectAccessible(page);
      await page.getByLabel('Username').fill('vera');
      await page.getByLabel('Password').fill('wrong-password-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText('wrong username or password');
      await page.getByLabel('Password').fill(veraPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The first page after sign-in is the first read of the runs tables: slow on a busy machine with PGlite.
      await expect(page).toHaveURL(/\/dashboard\/projects\/shop$/, { timeout: 30_000 });
      const [cookie] = await context.cookies();
      expect(cookie).toMatchObject({ name: 'panoptic_session', httpOnly: true, sameSite: 'Strict', secure: false });
    });

    await test.step('projects: only the viewer\'s own; another project is the same 404 as a missing one', async () => {
      await page.goto('/dashboard');
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText('shop');
      await expect(rows(page).first()).toContainText('4');
      await expectAccessible(page);
      const billing = await page.goto('/dashboard/projects/billing');
      expect(billing?.status()).toBe(404);
      await expect(page.locator('main .error')).toHaveText('no project "billing"');
      expect((await page.goto('/dashboard/projects/nothing-here'))?.status()).toBe(404);
    });

    await test.step('runs: newest first, filtered by branch and by status', async () => {
      await page.goto('/dashboard');
      await page.getByRole('link', { name: 'shop' }).click();
      await expect(rows(page)).toHaveCount(4);
      await expect(rows(page).first()).toContainText('run-4');
      await expect(rows(page).first()).toContainText('50.0%');
      await expectAccessible(page);
      await page.getByLabel('Branch').selectOption('feature-x');
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect(rows(page)).toHaveCount(1);
      await expect(rows(page).first()).toContainText('run-3');
      await page.getByRole('link', { name: 'Clear' }).click();
      await page.getByLabel('Status').selectOption('failed');
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect(rows(page)).toHaveCount(3);
    });

    await test.step('a run: its facts, tests filtered by outcome and by title', async () => {
      await page.getByRole('link', { name: 'run-4' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Run run-4');
      await expect(page.locator('.meta')).toContainText('1 of 1 merged');
      await expect(rows(page)).toHaveCount(4);
      await expectAccessible(page);
      await page.getByLabel('Outcome').selectOption('unexpected');
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect(rows(page)).toHaveCount(2);
      await page.getByLabel('Title contains').fill('CHECK');
      await page.getByRole('button', { name: 'Filter' }).click();
      await expect(rows(page)).toHaveCount(1);
    });

    await test.step('a test: timeline across runs, duration trend, error, attempts, artifacts, location', async () => {
      await page.getByRole('link', { name: 'shop.spec.ts › checkout' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('checkout');
      await expect(page.locator('.timeline a')).toHaveText(['P', 'F', 'P', 'F']);
      await expect(page.locator('.meta')).toContainText('shop.spec.ts:18');
      await expect(page.locator('pre')).toContainText('Timeout 13000ms exceeded waiting for #checkout-button');
      await expect(page.getByRole('img', { name: /^Duration over the last 4 runs/ })).toBeVisible();
      await expect(page.getByRole('link', { name: 'checkout-failure.png' })).toHaveAttribute('href', 'https://artifacts.example/checkout.png');
      await expectAccessible(page);
    });

    await test.step('trends: four charts, and the flaky ranking with its formula and the run it began', async () => {
      await page.goto('/dashboard/projects/shop/trends');
      await expect(page.locator('svg.trend')).toHaveCount(4);
      await expect(page.getByText(/score = Σ wₖ·fₖ/)).toBeVisible();
      // checkout flipped in runs 4, 3 and 2; search failed in run 4 and was flaky in run 2; login
      // passed in run 3 after failing in run 2.
      await expect(rows(page)).toHaveCount(3);
      await expect(rows(page).first()).toContainText('checkout');
      await expect(rows(page).first()).toContainText('0.788');
      await expect(rows(page).nth(1)).toContainText('search');
      await expect(rows(page).nth(1)).toContainText('run-2');
      await expect(rows(page).nth(2)).toContainText('login');
      await expect(rows(page).nth(2)).toContainText('run-3');
      await expectAccessible(page);
    });

    await test.step('triage: by category and by signature, new / recurring / fixed; a viewer cannot link an issue', async () => {
      await page.getByRole('link', { name: 'Failure triage' }).click();
      const categories = page.getByRole('table', { name: 'Failures by category' }).locator('tbody tr');
      await expect(categories).toHaveText([/timeout\s*3\s*2\s*2/, /network\s*2\s*1\s*1/]);
      const signatures = page.getByRole('table', { name: 'Failures by error signature' }).locator('tbody tr');
      await expect(signatures).toHaveCount(3);
      await expect(signatures.nth(0)).toContainText('Timeout <duration> exceeded waiting for #search-button');
      await expect(signatures.nth(0)).toContainText('new in the newest run');
      await expect(signatures.nth(1)).toContainText('recurring since run run-2');
      await expect(signatures.nth(2)).toContainText('net::ERR_CONNECTION_REFUSED at <url>');
      await expect(signatures.nth(2)).toContainText('fixed in run run-3');
      await expect(page.getByRole('button', { name: 'Link issue' })).toHaveCount(0);
      await expectAccessible(page);
      const csrf = await page.locator('input[name=csrf]').first().inputValue();
      const refused = await page.request.post('/dashboard/projects/shop/triage/known', { form: { csrf, signature: 'x', url: 'https://issues.example/1' }, maxRedirects: 0 });
      expect(refused.status()).toBe(403);
    });

    await test.step('logout needs the page\'s form token; then pages send to the login again', async () => {
      const forged = await page.request.post('/dashboard/logout', { form: { csrf: 'forged' }, maxRedirects: 0 });
      expect(forged.status()).toBe(403);
      await page.goto('/dashboard');
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect(page).toHaveURL(/\/dashboard\/login$/);
      await page.goto('/dashboard');
      await expect(page).toHaveURL(/\/dashboard\/login\?next=%2Fdashboard$/);
    });
  } finally {
    await browser.close();
  }
});

test.describe('postgres', () => {
  test.use({ kind: 'postgres' });
  test('the pages\' queries on PostgreSQL: scope, filters, search, history and flaky ranking', async ({ init, startServer, api, secrets }) => {
    const { url, veraPassword } = await setUp(init, startServer, api, secrets);
    const signIn = await fetch(new URL('/dashboard/login', url), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'vera', password: veraPassword, next: '/dashboard' }) });
    expect(signIn.status).toBe(303);
    const cookie = /panoptic_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const read = async (path: string) => {
      const response = await fetch(new URL(path, url), { headers: { cookie }, redirect: 'manual' });
      return { status: response.status, text: await response.text() };
    };
    const count = (html: string) => (html.match(/<tr><td>/g) ?? []).length;
    expect((await read('/dashboard')).text).toContain('>shop</a>');
    expect((await read('/dashboard')).text).not.toContain('billing');
    expect((await read('/dashboard/projects/billing')).status).toBe(404);
    expect(count((await read('/dashboard/projects/shop?branch=main&status=failed')).text)).toBe(3);
    expect(count((await read('/dashboard/projects/shop/runs/run-2?outcome=flaky&q=SEARCH')).text)).toBe(1);
    const history = await read(`/dashboard/projects/shop/test?key=${encodeURIComponent('chromium › shop.spec.ts › search')}`);
    expect(history.text.match(/class="(passed|failed|flaky)" href/g)).toHaveLength(4);
    const trends = (await read('/dashboard/projects/shop/trends')).text;
    expect(trends.indexOf('>checkout</a>')).toBeLessThan(trends.indexOf('>search</a>'));

    // A developer links the fixed signature to an issue; the triage page then shows it as known.
    const daveIn = await fetch(new URL('/dashboard/login', url), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'dave', password: 'Dave-pass-2024' }) });
    const daveCookie = /panoptic_session=[^;]+/.exec(daveIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const triage = await (await fetch(new URL('/dashboard/projects/shop/triage', url), { headers: { cookie: daveCookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(triage)?.[1] ?? '';
    const signature = 'page.goto: net::ERR_CONNECTION_REFUSED at <url>';
    const link = (token: string) => fetch(new URL('/dashboard/projects/shop/triage/known', url), { method: 'POST', redirect: 'manual', headers: { cookie: daveCookie }, body: new URLSearchParams({ csrf: token, signature, url: 'https://issues.example/PAN-7' }) });
    expect((await link('forged')).status).toBe(403);
    expect((await link(csrf)).status).toBe(303);
    const after = await (await fetch(new URL('/dashboard/projects/shop/triage', url), { headers: { cookie: daveCookie } })).text();
    expect(after).toContain('known: <a href="https://issues.example/PAN-7"');
    const run2 = await (await fetch(new URL('/dashboard/projects/shop/runs/run-2?outcome=unexpected', url), { headers: { cookie: daveCookie } })).text();
    expect(run2.match(/>known issue<\/a>/g)).toHaveLength(1);
  });
});
