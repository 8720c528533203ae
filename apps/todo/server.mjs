#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const FILES = { '/': ['index.html', 'text/html; charset=utf-8'], '/app.js': ['app.js', 'text/javascript; charset=utf-8'], '/style.css': ['style.css', 'text/css; charset=utf-8'] };

/**
 * Serves the to-do app on a loopback port (0 = any free one). `setBroken(true)` serves its broken
 * variant at the same URL: the page is marked `data-broken`, which turns on the app's two bugs.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, setBroken: (broken: boolean) => void, close: () => Promise<void> }>}
 */
export async function startTodoApp({ port = 0 } = {}) {
  let broken = false;
  const server = createServer((req, res) => {
    const file = FILES[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let body = readFileSync(path.join(root, file[0]), 'utf8');
    if (broken && file[0] === 'index.html') body = body.replace('<html lang="en">', '<html lang="en" data-broken>');
    res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}/`,
    setBroken(value) {
      broken = value;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const app = await startTodoApp({ port: Number(process.env.PORT ?? 4174) });
  process.stdout.write(`${app.url}\n`);
}
