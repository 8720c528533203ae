// The failing tests the corpus is made of. Each case provokes one kind of failure on purpose, so its
// label comes from what the test does, never from the classifier. `body` runs inside
// `test(id, async ({ page, context, browser, request, playwright }) => ...)`; `raw` is a whole test
// definition with `$ID` where its title goes. `heal` is the element a healing hint should point at.

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

function notActionable() {
  const cases = [];
  const add = (id, provoked, html, call) => cases.push({ id: `not-actionable-${id}`, category: 'element-not-actionable', provoked, body: `${set(html)}\nawait ${call};` });
  add('display-none-click', 'click on a display:none button', '<button style="display:none">Save</button>', "page.getByText('Save').click()");
  add('visibility-hidden-click', 'click on a visibility:hidden button', '<button style="visibility:hidden">Save</button>', "page.locator('button').click()");
  add('zero-size-click', 'click on a zero-size link', '<a href="#x" style="display:inline-block;width:0;height:0;overflow:hidden">Next</a>', "page.locator('a').click()");
  add('hidden-fill', 'fill on a hidden input', '<input id="q" style="display:none">', "page.locator('#q').fill('x')");
  add('hidden-check', 'check on a hidden checkbox', '<input type="checkbox" id="c" hidden>', "page.locator('#c').check()");
  add('hidden-hover', 'hover on a hidden menu', '<div class="menu" style="display:none">Menu</div>', "page.locator('.menu').hover()");
  add('hidden-parent-dblclick', 'dblclick on a button in a hidden parent', '<div style="display:none"><button>Edit</button></div>', "page.locator('button').dblclick()");
  add('hidden-select', 'selectOption on a hidden select', '<select id="s" style="display:none"><option>a</option></select>', "page.locator('#s').selectOption('a')");
  add('disabled-click', 'click on a disabled button', '<button disabled>Pay</button>', "page.getByRole('button', { name: 'Pay' }).click()");
  add('disabled-fill', 'fill on a disabled input', '<input id="n" disabled>', "page.locator('#n').fill('x')");
  add('disabled-check', 'check on a disabled checkbox', '<input type="checkbox" id="c" disabled>', "page.locator('#c').check()");
  add('fieldset-disabled-click', 'click on a button in a disabled fieldset', '<fieldset disabled><button>Send</button></fieldset>', "page.locator('button').click()");
  add('aria-disabled-click', 'click on an aria-disabled button', '<button aria-disabled="true">Next</button>', "page.getByRole('button').click()");
  add('disabled-select', 'selectOption on a disabled select', '<select id="s" disabled><option>a</option><option>b</option></select>', "page.locator('#s').selectOption('b')");
  add('readonly-fill', 'fill on a readonly input', '<input id="r" readonly value="x">', "page.locator('#r').fill('y')");
  add('readonly-textarea', 'fill on a readonly textarea', '<textarea readonly>x</textarea>', "page.locator('textarea').fill('y')");
  const overlay = (inner) => `<div style="position:relative">${inner}<div class="overlay" style="position:fixed;inset:0;background:rgba(0,0,0,.3)"></div></div>`;
  add('intercepted-click', 'click on a button under a modal overlay', overlay('<button>Buy</button>'), "page.getByRole('button', { name: 'Buy' }).click()");
  add('intercepted-check', 'check on a checkbox under an overlay', overlay('<input type="checkbox" id="t">'), "page.locator('#t').check()");
  add('intercepted-link', 'click on a link under an overlay', overlay('<a href="#n">News</a>'), "page.getByRole('link').click()");
  add('intercepted-dblclick', 'dblclick on an element covered by a banner', '<p id="t">Title</p><div id="cookie-banner" style="position:fixed;top:0;left:0;width:100%;height:200px;background:#eee">Cookies</div>', "page.locator('#t').dblclick()");
  add('intercepted-hover', 'hover on an element covered by another', '<span id="tip">?</span><div style="position:absolute;top:0;left:0;width:300px;height:300px"></div>', "page.locator('#tip').hover()");
  const rerender = '<div id="root"></div><script>setInterval(() => { document.getElementById("root").innerHTML = "<button>Refresh</button>"; }, 5)</script>';
  add('detached-click', 'click on a button that is re-rendered every few milliseconds', rerender, "page.getByRole('button', { name: 'Refresh' }).click({ trial: false })");
  cases.push({
    id: 'not-actionable-detached-handle',
    category: 'element-not-actionable',
    provoked: 'click on an element handle whose element was removed',
    body: `${set('<button>Old</button>')}\nconst handle = await page.$('button');\nawait page.evaluate(() => document.querySelector('button')!.remove());\nawait handle!.click();`,
  });
  cases.push({
    id: 'not-actionable-detached-handle-fill',
    category: 'element-not-actionable',
    provoked: 'fill on an element handle whose element was replaced',
    body: `${set('<input id="a">')}\nconst handle = await page.$('#a');\nawait page.evaluate(() => { document.body.innerHTML = '<input id="a">'; });\nawait handle!.fill('x');`,
  });
  const outside = (inner) => `<div style="position:fixed;left:-5000px;top:0">${inner}</div>`;
  add('outside-click', 'click on a button placed outside the viewport', outside('<button>Far</button>'), "page.locator('button').click()");
  add('outside-check', 'check on a checkbox outside the viewport', outside('<input type="checkbox">'), "page.locator('input').check()");
  add('outside-hover', 'hover on an element outside the viewport', outside('<a href="#">Away</a>'), "page.locator('a').hover()");
  add('fill-not-input', 'fill on a div', '<div id="d">text</div>', "page.locator('#d').fill('x')");
  add('fill-button', 'fill on a button', '<button>Go</button>', "page.locator('button').fill('x')");
  add('select-not-select', 'selectOption on an input', '<input id="i">', "page.locator('#i').selectOption('a')");
  add('check-not-checkbox', 'check on a plain span', '<span id="s">x</span>', "page.locator('#s').check()");
  add('files-not-input', 'setInputFiles on a button', '<button id="b">Upload</button>', "page.locator('#b').setInputFiles([])");
  add('check-no-change', 'check on a checkbox whose click handler keeps it unchecked', '<input type="checkbox" id="c" onclick="return false">', "page.locator('#c').check()");
  const spin = '<style>@keyframes s{from{transform:translateX(0)}to{transform:translateX(300px)}}</style><button style="animation:s .2s linear infinite">Moving</button>';
  add('unstable-click', 'click on a button that never stops moving', spin, "page.locator('button').click()");
  add('unstable-hover', 'hover on a button that never stops moving', spin, "page.locator('button').hover()");
  add('force-hidden', 'forced click on a display:none element', '<button style="display:none">Hidden</button>', "page.locator('button').click({ force: true })");
  return cases;
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

function network() {
  const cases = [];
  const add = (id, provoked, body) => cases.push({ id: `network-${id}`, category: 'network', provoked, body });
  add('refused-goto', 'page.goto to a port nothing listens on', 'await page.goto(process.env.CORPUS_REFUSED_URL!);');
  add('refused-goto-path', 'page.goto to a path on a port nothing listens on', "await page.goto(process.env.CORPUS_REFUSED_URL + '/login');");
  add('dns-goto', 'page.goto to a host that does not resolve', "await page.goto('http://shop.invalid/');");
  add('dns-goto-2', 'page.goto to another host that does not resolve', "await page.goto('https://api.staging.invalid/health');");
  add('unsafe-port', 'page.goto to a port Chromium refuses', "await page.goto('http://127.0.0.1:6000/');");
  add('empty-response', 'page.goto to a server that closes the socket without answering', "await page.goto(process.env.CORPUS_SERVER + '/empty');");
  add('redirect-loop', 'page.goto to a redirect loop', "await page.goto(process.env.CORPUS_SERVER + '/loop');");
  add('goto-timeout', 'page.goto to a server that never answers', "await page.goto(process.env.CORPUS_SERVER + '/hang', { timeout: 500 });");
  add('goto-timeout-2', 'page.goto to a slow page with a short navigation timeout', "await page.goto(process.env.CORPUS_SERVER + '/hang?page=2', { timeout: 400, waitUntil: 'domcontentloaded' });");
  for (const reason of ['aborted', 'accessdenied', 'addressunreachable', 'blockedbyclient', 'blockedbyresponse', 'connectionaborted', 'connectionclosed', 'connectionfailed', 'connectionrefused', 'connectionreset', 'internetdisconnected', 'namenotresolved', 'timedout', 'failed']) {
    add(`abort-${reason}`, `page.goto of a request aborted with "${reason}"`, `await page.route('**/*', (route) => route.abort('${reason}'));\nawait page.goto(process.env.CORPUS_SERVER + '/ok');`);
  }
  add('api-refused', 'request.get to a port nothing listens on', 'await request.get(process.env.CORPUS_REFUSED_URL + "/api/items");');
  add('api-dns', 'request.post to a host that does not resolve', "await request.post('http://payments.invalid/charge', { data: { amount: 1 } });");
  add('api-hangup', 'request.get to a server that drops the connection', "await request.get(process.env.CORPUS_SERVER + '/empty');");
  add('api-timeout', 'request.get to a server that never answers', "await request.get(process.env.CORPUS_SERVER + '/hang', { timeout: 400 });");
  add('api-404', 'expect(response).toBeOK() on a 404', "const response = await request.get(process.env.CORPUS_SERVER + '/status/404');\nawait expect(response).toBeOK();");
  add('api-500', 'expect(response).toBeOK() on a 500', "const response = await request.get(process.env.CORPUS_SERVER + '/status/500');\nawait expect(response).toBeOK();");
  add('api-503-page', 'expect(response).toBeOK() on a page that answers 503', "const response = await page.goto(process.env.CORPUS_SERVER + '/status/503');\nawait expect(response!).toBeOK();");
  add('api-fail-on-status', 'request.get with failOnStatusCode on a 401', "await request.get(process.env.CORPUS_SERVER + '/status/401', { failOnStatusCode: true });");
  add('fetch-failed', 'fetch() in the page to a port nothing listens on', "await page.goto(process.env.CORPUS_SERVER + '/ok');\nawait page.evaluate((url) => fetch(url), process.env.CORPUS_REFUSED_URL + '/api');");
  add('fetch-aborted-route', 'fetch() in the page of a route that is aborted', "await page.goto(process.env.CORPUS_SERVER + '/ok');\nawait page.route('**/api/**', (route) => route.abort('connectionreset'));\nawait page.evaluate(() => fetch('/api/orders'));");
  add('wait-response-failed', 'waitForResponse of a request that fails', "await page.goto(process.env.CORPUS_SERVER + '/ok');\nawait page.route('**/data.json', (route) => route.abort('internetdisconnected'));\nconst [response] = await Promise.all([page.waitForEvent('requestfailed'), page.evaluate(() => fetch('/data.json').catch(() => null))]);\nthrow new Error(`request failed: ${response.url()} ${response.failure()?.errorText}`);");
  return cases;
}

function pageClosed() {
  const cases = [];
  const add = (id, provoked, body) => cases.push({ id: `closed-${id}`, category: 'page-closed', provoked, body });
  add('page-click', 'click after page.close()', `${set('<button>Go</button>')}\nawait page.close();\nawait page.click('button');`);
  add('page-goto', 'goto after page.close()', "await page.close();\nawait page.goto(process.env.CORPUS_SERVER + '/ok');");
  add('locator-fill', 'locator.fill after page.close()', `${set('<input>')}\nawait page.close();\nawait page.locator('input').fill('x');`);
  add('context-click', 'click after the context was closed', `${set('<button>Go</button>')}\nawait context.close();\nawait page.locator('button').click();`);
  add('evaluate', 'evaluate on a page that was closed', "const other = await context.newPage();\nawait other.close();\nawait other.evaluate(() => 1);");
  add('browser-newpage', 'newPage on a browser that was closed', "const own = await playwright.chromium.launch({ executablePath: process.env.CORPUS_CHROMIUM || undefined });\nawait own.close();\nawait own.newPage();");
  add('browser-newcontext', 'newContext on a browser that was closed', "const own = await playwright.chromium.launch({ executablePath: process.env.CORPUS_CHROMIUM || undefined });\nawait own.close();\nawait own.newContext();");
  add('navigation-interrupted', 'page closed while a navigation was pending', "setTimeout(() => void page.close(), 200);\nawait page.goto(process.env.CORPUS_SERVER + '/hang', { timeout: 3000 });");
  add('wait-event', 'waitForEvent on a page that gets closed', "setTimeout(() => void page.close(), 200);\nawait page.waitForEvent('popup', { timeout: 3000 });");
  add('screenshot', 'screenshot after page.close()', "await page.close();\nawait page.screenshot();");
  add('expect-visible', 'web-first assertion after page.close()', `${set('<p>x</p>')}\nawait page.close();\nawait expect(page.locator('p')).toBeVisible();`);
  add('crash', 'page crashed through the DevTools protocol', "const cdp = await context.newCDPSession(page);\nawait cdp.send('Page.crash').catch(() => {});\nawait page.locator('body').click();");
  add('request-disposed', 'request on a disposed API context', "const api = await playwright.request.newContext();\nawait api.dispose();\nawait api.get(process.env.CORPUS_SERVER + '/ok');");
  add('context-newpage', 'newPage on a context that was closed', "const ctx = await browser.newContext();\nawait ctx.close();\nawait ctx.newPage();");
  add('wait-selector', 'waitForSelector on a page that gets closed', "setTimeout(() => void page.close(), 200);\nawait page.waitForSelector('#never', { timeout: 3000 });");
  add('frame-detached', 'click in an iframe that was removed', `${set('<iframe srcdoc="<button>In frame</button>"></iframe>')}\nconst frame = page.frames()[1]!;\nawait page.evaluate(() => document.querySelector('iframe')!.remove());\nawait frame.click('button');`);
  return cases;
}

function testTimeout() {
  const cases = [];
  const add = (id, provoked, body) => cases.push({ id: `timeout-${id}`, category: 'test-timeout', provoked, body: `test.setTimeout(1500);\n${body}` });
  add('never-resolves', 'a promise that never resolves', 'await new Promise(() => {});');
  add('wait-for-timeout', 'waitForTimeout longer than the test timeout', 'await page.waitForTimeout(5000);');
  add('wait-download', 'waitForEvent("download") that never comes', "await page.waitForEvent('download');");
  add('wait-response', 'waitForResponse that never comes', "await page.waitForResponse('**/api/never');");
  add('wait-request', 'waitForRequest that never comes', "await page.waitForRequest(/never/);");
  add('wait-function', 'waitForFunction that never becomes true', 'await page.waitForFunction(() => (window as any).ready === true);');
  add('wait-console', 'waitForEvent("console") that never comes', "await page.waitForEvent('console');");
  add('wait-url', 'waitForURL to a URL the page never reaches', "await page.waitForURL('**/done');");
  add('sleep-loop', 'a polling loop that never finishes', 'while (true) await new Promise((r) => setTimeout(r, 50));');
  add('wait-load-state', 'waitForLoadState of a page that never loads', "void page.goto(process.env.CORPUS_SERVER + '/hang', { timeout: 0 }).catch(() => {});\nawait page.waitForTimeout(100);\nawait page.waitForLoadState('load', { timeout: 0 });");
  cases.push({ id: 'timeout-wait-function-own', category: 'test-timeout', provoked: 'waitForFunction with its own timeout', body: "await page.waitForFunction(() => (window as any).loaded, undefined, { timeout: 400 });" });
  cases.push({ id: 'timeout-wait-event-own', category: 'test-timeout', provoked: 'waitForEvent with its own timeout', body: "await page.waitForEvent('dialog', { timeout: 400 });" });
  cases.push({
    id: 'timeout-before-each',
    category: 'test-timeout',
    provoked: 'a beforeEach hook that never finishes',
    raw: "test.describe('$ID', () => {\n  test.beforeEach(async () => { test.setTimeout(1500); await new Promise(() => {}); });\n  test('$ID', async () => {});\n});",
  });
  cases.push({
    id: 'timeout-after-each',
    category: 'test-timeout',
    provoked: 'an afterEach hook that never finishes',
    raw: "test.describe('$ID', () => {\n  test.afterEach(async () => { await new Promise(() => {}); });\n  test('$ID', async () => { test.setTimeout(1500); });\n});",
  });
  cases.push({
    id: 'timeout-fixture',
    category: 'test-timeout',
    provoked: 'a fixture whose setup never finishes',
    raw: "const slow = test.extend<{ seeded: void }>({ seeded: async ({}, use) => { await new Promise(() => {}); await use(); } });\nslow('$ID', async ({ seeded }) => { test.setTimeout(1500); void seeded; });",
  });
  return cases;
}

function scriptError() {
  const cases = [];
  const add = (id, provoked, body) => cases.push({ id: `script-${id}`, category: 'script-error', provoked, body });
  add('throw-error', 'the test throws an Error', "throw new Error('Order total was not computed');");
  add('throw-custom', 'the test throws a custom error class', "class CheckoutError extends Error { name = 'CheckoutError'; }\nthrow new CheckoutError('cart is empty');");
  add('type-error', 'the test reads a property of undefined', "const user: any = undefined;\nconsole.log(user.profile.name);");
  add('type-error-call', 'the test calls something that is not a function', "const api: any = {};\nawait api.login('ada');");
  add('reference-error', 'the test uses an undefined variable', '// @ts-ignore\nawait notDefinedHelper(page);');
  add('syntax-json', 'the test parses invalid JSON', "JSON.parse('{\"items\": [1, 2,');");
  add('range-error', 'the test makes an array of negative length', 'new Array(-1);');
  add('throw-string', 'the test throws a string', "throw 'login step failed';");
  add('rejected', 'the test awaits a rejected promise', "await Promise.reject(new Error('seed data could not be created'));");
  add('stack-overflow', 'the test recurses forever', 'const f = (n: number): number => f(n + 1);\nf(0);');
  add('evaluate-throw', 'page code run by evaluate throws', "await page.evaluate(() => { throw new Error('cart widget failed to initialise'); });");
  add('evaluate-reference', 'page code run by evaluate uses an undefined variable', '// @ts-ignore\nawait page.evaluate(() => window.app.start());');
  add('evaluate-type', 'page code run by evaluate reads a property of null', "await page.evaluate(() => document.querySelector('#missing')!.textContent!.trim());");
  add('evaluate-syntax', 'evaluate of a string with a syntax error', "await page.evaluate('function (');");
  add('locator-evaluate', 'locator.evaluate code throws', `${set('<p id="p">x</p>')}\nawait page.locator('#p').evaluate((el) => { throw new TypeError('formatter is not a function'); });`);
  add('page-script-error', 'a page error from the app, rethrown by the test', "const errors: Error[] = [];\npage.on('pageerror', (e) => errors.push(e));\nawait page.setContent('<script>window.onload = () => { undefinedFunction(); }</script>');\nawait page.waitForTimeout(100);\nif (errors.length) throw errors[0];");
  add('page-script-error-2', 'an uncaught TypeError in the app, rethrown by the test', "const errors: Error[] = [];\npage.on('pageerror', (e) => errors.push(e));\nawait page.setContent('<script>setTimeout(() => { const cfg = null; cfg.theme; }, 0)</script>');\nawait page.waitForTimeout(100);\nif (errors.length) throw errors[0];");
  add('evaluate-handle', 'evaluateHandle code throws', "await page.evaluateHandle(() => { throw new RangeError('index out of range'); });");
  add('add-init-script', 'an exposed binding throws in test code', "await page.exposeFunction('compute', () => { throw new Error('pricing service stub missing'); });\nawait page.evaluate(() => (window as any).compute());");
  add('error-cause', 'the test throws an error with a cause', "throw new Error('fixture data invalid', { cause: new Error('missing sku') });");
  return cases;
}

function environment() {
  const cases = [];
  const add = (id, provoked, body) => cases.push({ id: `env-${id}`, category: 'environment', provoked, body });
  add('missing-executable', 'launch with an executable that does not exist', "await playwright.chromium.launch({ executablePath: '/opt/missing/chrome' });");
  add('missing-executable-2', 'launch with another executable that does not exist', "await playwright.chromium.launch({ executablePath: '/usr/local/bin/chromium-nightly' });");
  add('false-executable', 'launch with an executable that exits at once', "await playwright.chromium.launch({ executablePath: '/bin/false' });");
  add('true-executable', 'launch with an executable that exits successfully at once', "await playwright.chromium.launch({ executablePath: '/bin/true' });");
  add('not-executable', 'launch with a file that is not executable', "await playwright.chromium.launch({ executablePath: '/etc/hostname' });");
  add('directory-executable', 'launch with a directory as executable', "await playwright.chromium.launch({ executablePath: '/usr' });");
  add('firefox', 'launch Firefox, which is not installed', 'await playwright.firefox.launch();');
  add('webkit', 'launch WebKit, which is not installed', 'await playwright.webkit.launch();');
  add('connect-cdp', 'connectOverCDP to a browser that is not running', 'await playwright.chromium.connectOverCDP(process.env.CORPUS_REFUSED_URL!);');
  add('connect-ws', 'connect to a browser server that is not running', "await playwright.chromium.connect(process.env.CORPUS_REFUSED_URL!.replace('http', 'ws'));");
  add('persistent-missing', 'launchPersistentContext with an executable that does not exist', "await playwright.chromium.launchPersistentContext('', { executablePath: '/opt/missing/chromium' });");
  add('crashing-flag', 'launch with an executable that prints usage and exits', "await playwright.chromium.launch({ executablePath: '/bin/ls' });");
  return cases;
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
    ...notActionable(),
    ...assertionMismatch(),
    ...visualMismatch(),
    ...network(),
    ...pageClosed(),
    ...testTimeout(),
    ...scriptError(),
    ...environment(),
  ];
}
