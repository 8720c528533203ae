import { escapeHtml, readForm, redirect, sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';
import { checkCredentials } from '../lib/sessions.mjs';

export const LOGIN_ERROR = 'Invalid username or password';

/**
 * @param {{ username?: string, error?: boolean, notice?: string }} state
 */
function loginPage({ username = '', error = false, notice = '' }) {
  return layout({
    title: 'Login',
    active: 'login',
    body: `
<div class="card narrow">
  <h1>Login</h1>
  <p class="lead">Use <code>demo</code> / <code>secret</code>.</p>
  ${notice ? `<p class="info" role="status" data-testid="login-notice">${escapeHtml(notice)}</p>` : ''}
  ${error ? `<p class="alert" role="alert" id="login-error" data-testid="login-error">${LOGIN_ERROR}</p>` : ''}
  <form method="post" action="/login" data-testid="login-form">
    <div class="field">
      <label for="username">Username</label>
      <input type="text" id="username" name="username" autocomplete="username" required value="${escapeHtml(username)}"${
        error ? ' aria-invalid="true" aria-describedby="login-error"' : ''
      }>
    </div>
    <div class="field">
      <label for="password">Password</label>
      <input type="password" id="password" name="password" autocomplete="current-password" required${
        error ? ' aria-invalid="true"' : ''
      }>
    </div>
    <button type="submit" class="button" data-testid="sign-in">Sign in</button>
  </form>
</div>`,
  });
}

/**
 * GET shows the form; a GET with `?username=` signs in like a POST does, so a plain URL can log in.
 * @param {import('../app.mjs').Context} ctx
 */
export function loginGet(ctx) {
  const { url, res } = ctx;
  if (url.searchParams.has('username')) {
    signIn(ctx, url.searchParams);
    return;
  }
  const notice = url.searchParams.get('required') ? 'Please sign in to view the dashboard.' : '';
  sendHtml(res, 200, loginPage({ notice }));
}

/** @param {import('../app.mjs').Context} ctx */
export async function loginPost(ctx) {
  signIn(ctx, await readForm(ctx.req));
}

/** @param {import('../app.mjs').Context} ctx @param {URLSearchParams} params */
function signIn({ res, sessions }, params) {
  const username = (params.get('username') ?? '').trim();
  const password = params.get('password') ?? '';
  if (checkCredentials(username, password)) {
    redirect(res, '/dashboard', { 'set-cookie': sessions.create(username) });
    return;
  }
  sendHtml(res, 200, loginPage({ username, error: true }));
}

/** @param {import('../app.mjs').Context} ctx */
export function logout({ req, res, sessions }) {
  redirect(res, '/login', { 'set-cookie': sessions.destroy(req) });
}
