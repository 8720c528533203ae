import { test, expect } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../../apps/demo/server.mjs';

let server: DemoServer;

test.beforeAll(async () => {
  server = await startDemoServer();
});

test.afterAll(async () => {
  await server?.close();
});

function get(path: string, init: RequestInit = {}) {
  return fetch(server.url + path, { redirect: 'manual', ...init });
}

function postForm(path: string, fields: Record<string, string>, init: RequestInit = {}) {
  return get(path, {
    ...init,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('panoptic_demo_session='));
  expect(cookie, 'the response should set the session cookie').toBeTruthy();
  return cookie!.split(';')[0]!;
}

test('starts on a free port and reports its URL', () => {
  expect(server.port).toBeGreaterThan(0);
  expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
});

test('health answers 200 ok', async () => {
  const res = await get('/health');
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('ok');
});

test('home page has the heading and links to every page', async () => {
  const res = await get('/');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  const html = await res.text();
  expect(html).toContain('>Panoptic Demo</h1>');
  for (const path of ['/login', '/dashboard', '/form', '/slow?ms=1500', '/error', '/image']) {
    expect(html).toContain(`href="${path}"`);
  }
});

test('good login sets a session and redirects to the dashboard', async () => {
  const login = await postForm('/login', { username: 'demo', password: 'secret' });
  expect(login.status).toBe(303);
  expect(login.headers.get('location')).toBe('/dashboard');
  const cookie = sessionCookie(login);

  const dashboard = await get('/dashboard', { headers: { cookie } });
  expect(dashboard.status).toBe(200);
  const html = await dashboard.text();
  expect(html).toContain('<h1>Dashboard</h1>');
  expect(html).toContain('Welcome back, <strong>demo</strong>!');
  expect(html).toContain('<caption>Recent orders</caption>');
  expect(html.match(/data-testid="order-row"/g)).toHaveLength(5);
  expect(html).toContain('>Sign out</a>');
});

test('login also works as a GET with query parameters', async () => {
  const res = await get('/login?username=demo&password=secret');
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/dashboard');
  sessionCookie(res);
});

test('bad login shows the alert and sets no session', async () => {
  const res = await postForm('/login', { username: 'demo', password: 'wrong' });
  expect(res.status).toBe(200);
  expect(res.headers.getSetCookie()).toEqual([]);
  const html = await res.text();
  expect(html).toMatch(/<p [^>]*role="alert"[^>]*>Invalid username or password<\/p>/);
  expect(html).toContain('value="demo"');
});

test('dashboard needs a session, and signing out ends it', async () => {
  const anonymous = await get('/dashboard');
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get('location')).toBe('/login?required=1');

  const cookie = sessionCookie(await postForm('/login', { username: 'demo', password: 'secret' }));
  const logout = await get('/logout', { headers: { cookie } });
  expect(logout.status).toBe(303);
  expect(logout.headers.get('location')).toBe('/login');
  expect((await get('/dashboard', { headers: { cookie } })).status).toBe(303);
});

test('form validates on the server and thanks a valid sender', async () => {
  const invalid = await postForm('/form', { name: ' ', email: 'nope', age: '12', topic: 'general' });
  expect(invalid.status).toBe(422);
  const errors = await invalid.text();
  for (const message of [
    'Name is required',
    'Enter a valid email address',
    'Age must be a whole number from 18 to 120',
    'You must agree to continue',
  ]) {
    expect(errors).toMatch(new RegExp(`role="alert"[^>]*>${message}</p>`));
  }

  const valid = await postForm('/form', {
    name: 'Ada <Lovelace>',
    email: 'ada@example.com',
    age: '36',
    topic: 'feature',
    agree: 'yes',
    message: 'Lovely demo.',
  });
  expect(valid.status).toBe(200);
  expect(await valid.text()).toContain('data-testid="form-success">Thank you, Ada &lt;Lovelace&gt;!</div>');
});

test('form page ships client-side validation with alert slots', async () => {
  const html = await (await get('/form')).text();
  for (const id of ['name', 'email', 'age', 'topic', 'message', 'agree']) {
    expect(html).toContain(`role="alert" id="${id}-error"`);
  }
  expect(html).toContain('type="email" id="email"');
  expect(html).toContain('min="18" max="120"');
  expect(html).toContain('function validateFeedback(values, topics)');
});

test('slow page honours the requested delay', async () => {
  const started = Date.now();
  const res = await get('/slow?ms=600');
  const html = await res.text();
  expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  expect(res.status).toBe(200);
  expect(res.headers.get('x-demo-delay-ms')).toBe('600');
  expect(html).toContain('<h1>Slow page</h1>');
});

test('close() ends a pending slow response instead of waiting for it', async () => {
  const own = await startDemoServer();
  const pending = fetch(`${own.url}/slow?ms=60000`).then(
    (res) => res.headers.get('x-demo-delay-ms'),
    () => 'aborted',
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  await own.close();
  expect(Date.now() - started).toBeLessThan(2000);
  expect(await pending).toBe('aborted');
});

test('error page throws an uncaught error after load', async () => {
  const html = await (await get('/error')).text();
  expect(html).toContain('<h1>Error page</h1>');
  expect(html).toContain(`window.addEventListener('load'`);
  expect(html).toContain('throw new Error("Demo failure: widget exploded")');
});

test('image page reports image and JavaScript status, and the logo is served', async () => {
  const html = await (await get('/image')).text();
  expect(html).toContain('data-testid="image-status" id="image-status">pending</span>');
  expect(html).toContain('data-testid="js-status" id="js-status">JavaScript off</span>');
  expect(html).toContain('src="/logo.svg"');
  const logo = await get('/logo.svg');
  expect(logo.status).toBe(200);
  expect(logo.headers.get('content-type')).toBe('image/svg+xml');
  expect(await logo.text()).toContain('<svg');
});

test('unknown paths get a 404 page, wrong methods a 405', async () => {
  const missing = await get('/no/such/page');
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain('<h1>Page not found</h1>');

  const wrongMethod = await get('/health', { method: 'DELETE' });
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('GET');
});

test('a port already in use is reported clearly', async () => {
  await expect(startDemoServer({ port: server.port })).rejects.toThrow(
    `port ${server.port} on 127.0.0.1 is already in use`,
  );
});
