const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendHtml(res, status, html, headers = {}) {
  send(res, status, html, { 'content-type': 'text/html; charset=utf-8', ...headers });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendText(res, status, text, headers = {}) {
  send(res, status, text, { 'content-type': 'text/plain; charset=utf-8', ...headers });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string | string[]>} headers
 */
export function send(res, status, body, headers) {
  res.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

/**
 * 303 so that a POST is followed by a GET, as browsers expect after a form submit.
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 * @param {Record<string, string | string[]>} [headers]
 */
export function redirect(res, location, headers = {}) {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': '0', ...headers });
  res.end();
}

/** @param {import('node:http').IncomingMessage} req */
export function parseCookies(req) {
  /** @type {Map<string, string>} */
  const cookies = new Map();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

/**
 * Reads an `application/x-www-form-urlencoded` body (what an HTML form posts).
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<URLSearchParams>}
 */
export async function readForm(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, `Expected a form post (application/x-www-form-urlencoded), got ${type}.`);
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Form body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
