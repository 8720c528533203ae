// The failing tests the corpus is made of. Each case provokes one kind of failure on purpose, so its
// label comes from what the test does, never from the classifier. `body` runs inside
// `test(id, async ({ page, context, browser, request, playwright }) => ...)`; `raw` is a whole test
// definition with `$ID` where its title goes. `heal` is the element a healing hint should point at.
// Cases that are not made by a loop are written out in corpus-cases.yaml.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const WRITTEN_OUT = parse(readFileSync(new URL('./corpus-cases.yaml', import.meta.url), 'utf8'));

/** The cases of a category that corpus-cases.yaml lists one by one. */
function writtenOut(category) {
  return WRITTEN_OUT[category].map((c) => ({ ...c, category }));
}

const ACCOUNT_PAGE = [
  '<h1>Account</h1>',
  '<nav><a href="#pricing">Pricing</a> <a href="#docs">Docs</a></nav>',
  '<form>',
  '<label>Email <input type="email" id="email-field" name="mail"></label>',
  '<label>Password <input type="password" id="pw"></label>',
  '<input type="search" placeholder="Search">',
  '<label><input type="checkbox"> Remember me</label>',
  '<select aria-label="Country"><option>France</option><option>Spain</option></select>',
  '<button type="submit" data-testid="login-button">Log in</button>',
  '<button type="button">Cancel</button>',
  '</form>',
  '<p>Welcome, Ada</p>',
  '<img alt="Company logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">',
].join('');

const LIST_PAGE = [
  '<ul>',
  '<li><button class="add">Add</button> Apple <input class="qty" value="1"></li>',
  '<li><button class="add">Add</button> Pear <input class="qty" value="2"></li>',
  '<li><button class="add">Add</button> Plum <input class="qty" value="3"></li>',
  '</ul>',
  '<label><input type="checkbox" name="gift"> Gift wrap</label><label><input type="checkbox" name="gift"> Gift card</label>',
  '<a href="#a">More</a> <a href="#b">More</a>',
  '<p class="price" data-testid="price">1.00</p><p class="price" data-testid="price">2.00</p>',
].join('');

const set = (html) => `await page.setContent(${JSON.stringify(html)});`;

// Locators that match nothing on ACCOUNT_PAGE, the actions tried on them, and the element a healing
// hint should propose (role and accessible name), when there is a sensible one.
const MISSING = [
  { locator: "page.locator('#login')", actions: ['click()', 'hover()', 'textContent()'], heal: { role: 'button', name: 'Log in' } },
  { locator: "page.getByRole('button', { name: 'Login' })", actions: ['click()', 'dblclick()'], heal: { role: 'button', name: 'Log in' } },
  { locator: "page.getByRole('button', { name: 'Sign in' })", actions: ['click()', 'focus()'], heal: { role: 'button', name: 'Log in' } },
  { locator: "page.getByTestId('login-btn')", actions: ['click()', 'hover()'], heal: { role: 'button', name: 'Log in' } },
  { locator: "page.getByLabel('E-mail address')", actions: ["fill('ada@example.com')", "press('Enter')"], heal: { role: 'textbox', name: 'Email' } },
  { locator: "page.getByPlaceholder('Search products')", actions: ["fill('shoes')", 'inputValue()'], heal: { role: 'searchbox', name: 'Search' } },
  { locator: "page.getByRole('link', { name: 'Prices' })", actions: ['click()', "getAttribute('href')"], heal: { role: 'link', name: 'Pricing' } },
  { locator: "page.getByRole('link', { name: 'Documentation' })", actions: ['click()', 'hover()'], heal: { role: 'link', name: 'Docs' } },
  { locator: "page.getByRole('checkbox', { name: 'Remember password' })", actions: ['check()', 'isChecked()'], heal: { role: 'checkbox', name: 'Remember me' } },
  { locator: "page.getByText('Welcome back')", actions: ['textContent()', 'click()', 'innerText()'], heal: { role: 'paragraph', name: 'Welcome, Ada' } },
  { locator: "page.getByRole('combobox', { name: 'Region' })", actions: ["selectOption('Spain')"], heal: { role: 'combobox', name: 'Country' } },
  { locator: "page.getByAltText('Logo of the company')", actions: ['click()', 'hover()'], heal: { role: 'img', name: 'Company logo' } },
  { locator: "page.locator('input[name=email]')", actions: ["fill('ada@example.com')", 'inputValue()'], heal: { role: 'textbox', name: 'Email' } },
  { locator: "page.getByRole('heading', { name: 'My account' })", actions: ['textContent()', 'waitFor()'], heal: { role: 'heading', name: 'Account' } },
  { locator: "page.getByRole('button', { name: 'Cancel order' })", actions: ['click()'], heal: { role: 'button', name: 'Cancel' } },
  { locator: "page.locator('#password-input')", actions: ["fill('secret')", "type('secret')"], heal: { role: 'textbox', name: 'Password' } },
  { locator: "page.locator('text=Sign up for free')", actions: ['click()'] },
  { locator: "page.getByTitle('Close dialog')", actions: ['click()'] },
  { locator: "page.frameLocator('#payment').getByRole('button', { name: 'Pay' })", actions: ['click()'] },
  { locator: "page.locator('.card').filter({ hasText: 'Pro plan' })", actions: ['click()', 'scrollIntoViewIfNeeded()'] },
  { locator: "page.locator('xpath=//button[@id=\"go\"]')", actions: ['click()'] },
];

const MISSING_EXPECTS = [
  { locator: "page.getByRole('button', { name: 'Sign in' })", matcher: 'toBeVisible()', heal: { role: 'button', name: 'Log in' } },
  { locator: "page.getByRole('heading', { name: 'My account' })", matcher: "toHaveText('My account')", heal: { role: 'heading', name: 'Account' } },
  { locator: "page.getByLabel('E-mail address')", matcher: "toHaveValue('')", heal: { role: 'textbox', name: 'Email' } },
  { locator: "page.getByRole('checkbox', { name: 'Remember password' })", matcher: 'toBeChecked()', heal: { role: 'checkbox', name: 'Remember me' } },
  { locator: "page.getByRole('link', { name: 'Prices' })", matcher: "toHaveAttribute('href', '#pricing')", heal: { role: 'link', name: 'Pricing' } },
  { locator: "page.getByTestId('login-btn')", matcher: 'toBeEnabled()', heal: { role: 'button', name: 'Log in' } },
  { locator: "page.getByText('Welcome back')", matcher: "toContainText('Welcome')", heal: { role: 'paragraph', name: 'Welcome, Ada' } },
  { locator: "page.locator('#status')", matcher: "toHaveText('Saved')" },
];

function locatorNotFound() {
  const cases = [];
  MISSING.forEach(({ locator, actions, heal }, i) => {
    for (const action of actions) {
      const verb = action.split('(')[0];
      cases.push({ id: `missing-${i}-${verb}`, category: 'locator-not-found', provoked: `${verb} on ${locator} which matches nothing`, body: `${set(ACCOUNT_PAGE)}\nawait ${locator}.${action};`, heal });
    }
  });
  MISSING_EXPECTS.forEach(({ locator, matcher, heal }, i) => {
    cases.push({ id: `missing-expect-${i}`, category: 'locator-not-found', provoked: `expect(${locator}).${matcher} on a locator that matches nothing`, body: `${set(ACCOUNT_PAGE)}\nawait expect(${locator}).${matcher};`, heal });
  });
  const legacy = [
    ["page.click('#submit')", { role: 'button', name: 'Log in' }],
    ["page.fill('#user-email', 'ada@example.com')", { role: 'textbox', name: 'Email' }],
    ["page.waitForSelector('.toast-success')", undefined],
    ["page.check('input[name=terms]')", undefined],
    ["page.textContent('.welcome-banner')", undefined],
    ["page.selectOption('#region', 'EU')", { role: 'combobox', name: 'Country' }],
  ];
  legacy.forEach(([call, heal], i) => {
    cases.push({ id: `missing-legacy-${i}`, category: 'locator-not-found', provoked: `${call} on a selector that matches nothing`, body: `${set(ACCOUNT_PAGE)}\nawait ${call};`, heal });
  });
  // Without an action timeout the test timeout ends the wait: the error still names the locator.
  const underTestTimeout = [
    ["page.locator('#login').click({ timeout: 0 })", { role: 'button', name: 'Log in' }],
    ["page.getByRole('link', { name: 'Prices' }).click({ timeout: 0 })", { role: 'link', name: 'Pricing' }],
    ["page.getByLabel('E-mail address').fill('x', { timeout: 0 })", { role: 'textbox', name: 'Email' }],
    ["page.getByTestId('login-btn').hover({ timeout: 0 })", { role: 'button', name: 'Log in' }],
    ["page.waitForSelector('#spinner-done', { timeout: 0 })", undefined],
    ["expect(page.getByRole('heading', { name: 'My account' })).toBeVisible({ timeout: 0 })", { role: 'heading', name: 'Account' }],
  ];
  underTestTimeout.forEach(([call, heal], i) => {
    cases.push({ id: `missing-test-timeout-${i}`, category: 'locator-not-found', provoked: `${call} until the test timeout`, body: `test.setTimeout(2500);\n${set(ACCOUNT_PAGE)}\nawait ${call};`, heal });
  });
  return cases;
}

function locatorAmbiguous() {
  const calls = [
    "page.locator('button').click()",
    "page.getByRole('button', { name: 'Add' }).click()",
    "page.locator('.add').hover()",
    "page.locator('.qty').fill('4')",
    "page.locator('li input').inputValue()",
    "page.getByRole('checkbox').check()",
    "page.getByLabel('Gift').check()",
    "page.getByRole('link', { name: 'More' }).click()",
    "page.getByText('More').click()",
    "page.getByTestId('price').textContent()",
    "page.locator('.price').innerText()",
    "page.locator('li').click()",
    "page.getByRole('listitem').getAttribute('class')",
    "page.locator('p').dblclick()",
    "page.getByRole('textbox').press('Enter')",
    "page.locator('input[type=checkbox]').isChecked()",
    "page.locator('.price').textContent()",
    "page.locator('a').getAttribute('href')",
  ];
  const expects = [
    "expect(page.locator('.price')).toHaveText('1.00')",
    "expect(page.getByRole('button', { name: 'Add' })).toBeVisible()",
    "expect(page.locator('.qty')).toHaveValue('1')",
    "expect(page.getByRole('checkbox')).not.toBeChecked()",
    "expect(page.getByRole('link')).toHaveAttribute('href', '#a')",
    "expect(page.getByTestId('price')).toContainText('1')",
    "expect(page.locator('li')).toBeEnabled()",
    "expect(page.getByText('More')).toBeVisible()",
  ];
  return [...calls, ...expects].map((call, i) => ({
    id: `ambiguous-${i}`,
    category: 'locator-ambiguous',
    provoked: `${call} on a locator that matches several elements (strict mode)`,
    body: `${set(LIST_PAGE)}\nawait ${call};`,
  }));
}

function assertionMismatch() {
  const plain = [
    'expect(2 + 2).toBe(5)',
    "expect('Total: 41.99').toBe('Total: 42.00')",
    "expect({ id: 1, name: 'Ada' }).toEqual({ id: 1, name: 'Grace' })",
    'expect([1, 2, 3]).toEqual([1, 2, 4])',
    "expect({ a: 1, b: undefined }).toStrictEqual({ a: 1 })",
    "expect(['a', 'b']).toContain('c')",
    "expect('hello world').toContain('planet')",
    "expect('order-123').toMatch(/^invoice-\\d+$/)",
    'expect(0).toBeTruthy()',
    "expect('x').toBeFalsy()",
    'expect(3).toBeGreaterThan(10)',
    'expect(12).toBeLessThanOrEqual(10)',
    'expect([1, 2]).toHaveLength(3)',
    "expect({ user: { name: 'Ada' } }).toHaveProperty('user.email')",
    "expect({ a: 1, b: { c: 2 } }).toMatchObject({ b: { c: 3 } })",
    'expect(0.1 + 0.2).toBeCloseTo(0.4)',
    "expect('value').toBeNull()",
    'expect(undefined).toBeDefined()',
    'expect(1).toBeUndefined()',
    "expect(new Map()).toBeInstanceOf(Set)",
    'expect(() => 1).toThrow()',
    "expect([{ id: 1 }]).toContainEqual({ id: 2 })",
    'expect(5).toBeNaN()',
    'expect(3).not.toBe(3)',
    "expect(41, 'cart total').toBe(42)",
    "expect(['b', 'a']).toEqual(expect.arrayContaining(['c']))",
    "expect({ status: 'pending' }).toEqual(expect.objectContaining({ status: 'done' }))",
  ];
  const web = [
    ['<h1>Welcome, Ada</h1>', "expect(page.locator('h1')).toHaveText('Welcome, Grace')"],
    ['<p id="m">Saved 3 items</p>', "expect(page.locator('#m')).toContainText('Saved 4')"],
    ['<input id="q" value="shoes">', "expect(page.locator('#q')).toHaveValue('boots')"],
    ['<a id="l" href="/old">Link</a>', "expect(page.locator('#l')).toHaveAttribute('href', '/new')"],
    ['<div id="d" class="card">x</div>', "expect(page.locator('#d')).toHaveClass(/active/)"],
    ['<ul><li>a</li><li>b</li></ul>', "expect(page.locator('li')).toHaveCount(3)"],
    ['<title>Home</title><p>x</p>', "expect(page).toHaveTitle('Dashboard')"],
    ['<p>x</p>', "expect(page).toHaveURL(/dashboard/)"],
    ['<input type="checkbox" id="c">', "expect(page.locator('#c')).toBeChecked()"],
    ['<input type="checkbox" id="c" checked>', "expect(page.locator('#c')).not.toBeChecked()"],
    ['<button disabled>Pay</button>', "expect(page.getByRole('button')).toBeEnabled()"],
    ['<button>Pay</button>', "expect(page.getByRole('button')).toBeDisabled()"],
    ['<div id="t">Toast</div>', "expect(page.locator('#t')).toBeHidden()"],
    ['<div id="t" style="display:none">Toast</div>', "expect(page.locator('#t')).toBeVisible()"],
    ['<p id="p" style="color: rgb(255, 0, 0)">x</p>', "expect(page.locator('#p')).toHaveCSS('color', 'rgb(0, 0, 0)')"],
    ['<input id="i" value="a">', "expect(page.locator('#i')).toHaveJSProperty('value', 'b')"],
    ['<button aria-label="Close">x</button>', "expect(page.getByRole('button')).toHaveAccessibleName('Dismiss')"],
    ['<div id="a">x</div>', "expect(page.locator('div')).toHaveId('b')"],
    ['<input id="i"><button>b</button>', "expect(page.locator('#i')).toBeFocused()"],
    ['<div id="e">content</div>', "expect(page.locator('#e')).toBeEmpty()"],
    ['<input id="i" readonly>', "expect(page.locator('#i')).toBeEditable()"],
    ['<select id="s" multiple><option selected>a</option><option>b</option></select>', "expect(page.locator('#s')).toHaveValues(['b'])"],
    ['<ul><li>One</li><li>Two</li></ul>', "expect(page.locator('ul')).toMatchAriaSnapshot(`\n  - list:\n    - listitem: One\n    - listitem: Three\n`)"],
    ['<p id="c">1</p>', "expect.poll(() => page.locator('#c').textContent(), { timeout: 1500 }).toBe('5')"],
    ['<p id="c">1</p>', "expect(async () => { expect(await page.locator('#c').textContent()).toBe('2'); }).toPass({ timeout: 1500 })"],
    ['<ul><li>a</li><li>b</li></ul>', "expect(page.locator('li')).toHaveText(['a', 'c'])"],
    ['<p id="x">Price: 10</p>', "expect(page.locator('#x'), 'price label').toHaveText(/Price: 2\\d/)"],
  ];
  const cases = plain.map((call, i) => ({ id: `assert-plain-${i}`, category: 'assertion-mismatch', provoked: `${call} fails`, body: `await ${call};` }));
  web.forEach(([html, call], i) => cases.push({ id: `assert-web-${i}`, category: 'assertion-mismatch', provoked: `${call} fails on an element that exists`, body: `${set(html)}\nawait ${call};` }));
  cases.push({ id: 'assert-soft', category: 'assertion-mismatch', provoked: 'two soft assertions fail', body: "expect.soft(1).toBe(2);\nexpect.soft('a').toBe('b');" });
  cases.push({ id: 'assert-node-assert', category: 'assertion-mismatch', provoked: "node:assert's strictEqual fails", body: "const assert = await import('node:assert');\nassert.strictEqual(1, 2);" });
  cases.push({ id: 'assert-node-deep', category: 'assertion-mismatch', provoked: "node:assert's deepStrictEqual fails", body: "const assert = await import('node:assert');\nassert.deepStrictEqual({ a: [1] }, { a: [2] });" });
  return cases;
}

function visualMismatch() {
  // Baselines are written in a first pass with CORPUS_BASELINE=1; the second pass renders the changed page.
  const variant = (before, after) => `process.env.CORPUS_BASELINE ? ${JSON.stringify(before)} : ${JSON.stringify(after)}`;
  const card = (color, text) => `<div id="card" style="width:200px;height:80px;padding:10px;background:${color};font:16px sans-serif">${text}</div>`;
  const cases = [
    ['page-colour', variant(card('#eef', 'Plan'), card('#c00', 'Plan')), "expect(page).toHaveScreenshot('page.png')"],
    ['locator-text', variant(card('#eef', 'Basic plan'), card('#eef', 'Pro plan')), "expect(page.locator('#card')).toHaveScreenshot('card.png')"],
    ['max-diff-pixels', variant(card('#eef', 'A'), card('#eef', 'B')), "expect(page.locator('#card')).toHaveScreenshot('card-pixels.png', { maxDiffPixels: 10 })"],
    ['max-diff-ratio', variant(card('#eef', 'Monthly'), card('#0a0', 'Monthly')), "expect(page).toHaveScreenshot('ratio.png', { maxDiffPixelRatio: 0.01 })"],
    ['threshold', variant(card('#eeeeff', 'T'), card('#eeeefa', 'T')), "expect(page.locator('#card')).toHaveScreenshot('threshold.png', { threshold: 0 })"],
    ['size', variant(card('#eef', 'Short'), '<div id="card" style="width:260px;height:80px;padding:10px;background:#eef">Short</div>'), "expect(page.locator('#card')).toHaveScreenshot('size.png')"],
    ['full-page', variant('<div style="height:900px;background:#def">Top</div>', '<div style="height:1500px;background:#def">Top</div>'), "expect(page).toHaveScreenshot('full.png', { fullPage: true })"],
    ['buffer', variant(card('#eef', 'Buffer'), card('#00c', 'Buffer')), "expect(await page.locator('#card').screenshot({ timeout: 3000 })).toMatchSnapshot('buffer.png')"],
    ['buffer-size', variant(card('#eef', 'Buffer'), '<div id="card" style="width:300px;height:120px;background:#eef">Buffer</div>'), "expect(await page.locator('#card').screenshot({ timeout: 3000 })).toMatchSnapshot('buffer-size.png')"],
    ['masked', variant(card('#eef', 'Masked') + '<p>a</p>', card('#eef', 'Masked') + '<p>changed</p>'), "expect(page).toHaveScreenshot('masked.png', { mask: [page.locator('#card')] })"],
    ['text-snapshot', variant('<p id="v">v1</p>', '<p id="v">v2</p>'), "expect(await page.locator('#v').textContent()).toMatchSnapshot('version.txt')"],
  ];
  const withBaseline = cases.map(([id, html, call]) => ({
    id: `visual-${id}`,
    category: 'visual-mismatch',
    provoked: `${call} after the page changed since its baseline`,
    tag: '@visual',
    // Screenshot matchers need two stable screenshots: more time than the corpus' short expect timeout.
    body: `await page.setContent(${html});\nawait ${call.replace('expect(', 'expect.configure({ timeout: 3000 })(')};`,
  }));
  const missing = [
    "expect(page).toHaveScreenshot('never-recorded.png')",
    "expect(page.locator('#card')).toHaveScreenshot('no-baseline.png')",
    "expect(await page.screenshot({ timeout: 3000 })).toMatchSnapshot('no-buffer-baseline.png')",
  ].map((call, i) => ({
    id: `visual-missing-${i}`,
    category: 'visual-mismatch',
    provoked: `${call} without a baseline`,
    body: `${set(card('#eef', 'New'))}\nawait ${call.replace('expect(', 'expect.configure({ timeout: 3000 })(')};`,
  }));
  const unstable = {
    id: 'visual-unstable',
    category: 'visual-mismatch',
    provoked: 'toHaveScreenshot of a page that never renders the same twice',
    body: `${set('<canvas id="c" width="200" height="60"></canvas><script>const c=document.getElementById("c").getContext("2d");setInterval(()=>{c.fillStyle="#"+Math.floor(Math.random()*16777215).toString(16).padStart(6,"0");c.fillRect(0,0,200,60)},16)</script>')}\nawait expect(page).toHaveScreenshot('unstable.png', { timeout: 600 });`,
  };
  return [...withBaseline, ...missing, unstable];
}

/** Whole projects whose browser cannot start: the error comes from Playwright's own `page` fixture. */
export const ENVIRONMENT_PROJECTS = [
  { name: 'firefox-missing', browserName: 'firefox' },
  { name: 'webkit-missing', browserName: 'webkit' },
  { name: 'bad-executable', browserName: 'chromium', executablePath: '/opt/missing/chromium' },
];

export const PROJECT_CASE = {
  id: 'env-project-browser',
  category: 'environment',
  provoked: "a project whose browser is not installed, through Playwright's page fixture",
  body: "await page.setContent('<p>x</p>');",
};

export function allCases() {
  return [
    ...locatorNotFound(),
    ...locatorAmbiguous(),
    ...writtenOut('element-not-actionable'),
    ...assertionMismatch(),
    ...visualMismatch(),
    ...writtenOut('network'),
    ...writtenOut('page-closed'),
    ...writtenOut('test-timeout'),
    ...writtenOut('script-error'),
    ...writtenOut('environment'),
  ];
}
