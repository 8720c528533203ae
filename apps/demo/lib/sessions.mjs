import { randomBytes } from 'node:crypto';
import { parseCookies } from './http.mjs';

export const SESSION_COOKIE = 'panoptic_demo_session';

/** The one account the demo knows. */
export const DEMO_USER = { username: 'demo', password: 'secret' };

/**
 * In-memory sessions, one store per server, so servers started side by side in tests never share logins.
 */
export function createSessionStore() {
  /** @type {Map<string, string>} token -> username */
  const sessions = new Map();

  return {
    /** @param {string} username @returns {string} a Set-Cookie header value */
    create(username) {
      const token = randomBytes(18).toString('base64url');
      sessions.set(token, username);
      return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`;
    },
    /** @param {import('node:http').IncomingMessage} req @returns {string | undefined} */
    user(req) {
      const token = parseCookies(req).get(SESSION_COOKIE);
      return token ? sessions.get(token) : undefined;
    },
    /** @param {import('node:http').IncomingMessage} req @returns {string} a Set-Cookie header value that clears the cookie */
    destroy(req) {
      const token = parseCookies(req).get(SESSION_COOKIE);
      if (token) sessions.delete(token);
      return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    },
  };
}

/** @typedef {ReturnType<typeof createSessionStore>} SessionStore */

/** @param {string} username @param {string} password */
export function checkCredentials(username, password) {
  return username === DEMO_USER.username && password === DEMO_USER.password;
}
