import { esc } from '../format.js';
import { BASE, page } from '../layout.js';

/** The sign-in form; after a refusal it keeps the username and says why. */
export function loginPage(next: string, error?: string, username = ''): string {
  const message = error ? `<p class="error" role="alert">${esc(error)}</p>` : '';
  return page({
    title: 'Sign in',
    body: `<form class="login" method="post" action="${BASE}/login">${message}
<input type="hidden" name="next" value="${esc(next)}">
<label>Username <input name="username" autocomplete="username" value="${esc(username)}" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>`,
  });
}
