import { HttpError, sendHtml, sendText } from './lib/http.mjs';
import { createSessionStore } from './lib/sessions.mjs';
import { logo } from './pages/assets.mjs';
import { dashboard } from './pages/dashboard.mjs';
import { errorPage } from './pages/error.mjs';
import { formGet, formPost } from './pages/form.mjs';
import { home } from './pages/home.mjs';
import { imagePage } from './pages/image.mjs';
import { loginGet, loginPost, logout } from './pages/login.mjs';
import { notFound } from './pages/not-found.mjs';
import { slow } from './pages/slow.mjs';

/**
 * @typedef {object} Context
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {URL} url
 * @property {import('./lib/sessions.mjs').SessionStore} sessions
 * @property {(ms: number) => Promise<boolean>} delay resolves false instead when the client left or the server is closing
 */

/** @typedef {(ctx: Context) => void | Promise<void>} Handler */

/** @type {Record<string, Partial<Record<'GET' | 'POST', Handler>>>} */
const ROUTES = {
  '/': { GET: home },
  '/login': { GET: loginGet, POST: loginPost },
  '/logout': { GET: logout, POST: logout },
  '/dashboard': { GET: dashboard },
  '/form': { GET: formGet, POST: formPost },
  '/slow': { GET: slow },
  '/error': { GET: errorPage },
  '/image': { GET: imagePage },
  '/logo.svg': { GET: logo },
  '/favicon.ico': { GET: logo },
  '/health': { GET: ({ res }) => sendText(res, 200, 'ok') },
};

/**
 * The request handler for one server: its own sessions and its own pending delays.
 * `shutdown()` ends pending delays so closing the server never waits for a slow page.
 */
export function createApp() {
  const sessions = createSessionStore();
  /** @type {Set<() => void>} */
  const pending = new Set();
  let closing = false;

  /** @param {import('node:http').IncomingMessage} req */
  const delayFor = (req) => (/** @type {number} */ ms) =>
    new Promise((resolve) => {
      if (closing) return resolve(false);
      const finish = (/** @type {boolean} */ completed) => {
        clearTimeout(timer);
        pending.delete(cancel);
        req.socket.off('close', cancel);
        resolve(completed);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      pending.add(cancel);
      req.socket.once('close', cancel);
    });

  /** @type {import('node:http').RequestListener} */
  const handle = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const route = ROUTES[url.pathname];
    const method = req.method === 'HEAD' ? 'GET' : req.method ?? 'GET';
    /** @type {Context} */
    const ctx = { req, res, url, sessions, delay: delayFor(req) };
    if (!route) {
      notFound(ctx);
      return;
    }
    const handler = route[/** @type {'GET' | 'POST'} */ (method)];
    if (!handler) {
      const allow = Object.keys(route).join(', ');
      sendText(res, 405, `Method ${method} is not allowed on ${url.pathname}; use ${allow}.`, { allow });
      return;
    }
    Promise.resolve()
      .then(() => handler(ctx))
      .catch((error) => fail(res, error));
  };

  return {
    handle,
    shutdown() {
      closing = true;
      for (const cancel of [...pending]) cancel();
    },
  };
}

/** @param {import('node:http').ServerResponse} res @param {unknown} error */
function fail(res, error) {
  const status = error instanceof HttpError ? error.status : 500;
  if (status === 500) console.error(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (status === 500) sendHtml(res, 500, '<!doctype html><title>Server error</title><h1>Server error</h1>');
  else sendText(res, status, message);
}
