#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from './app.mjs';

/**
 * Starts the demo app. `port: 0` picks a free port (what tests want).
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`startDemoServer: port must be an integer from 0 to 65535 (0 = any free port), got ${port}.`);
  }
  const app = createApp();
  const server = createServer(app.handle);
  await new Promise((resolve, reject) => {
    server.once('error', (error) => {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (code === 'EADDRINUSE') {
        reject(new Error(`Demo app: port ${port} on ${host} is already in use; choose another port, or 0 for any free port.`));
      } else {
        reject(new Error(`Demo app: cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
      }
    });
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Demo app: the server has no TCP address.');
  const url = `http://${urlHost(host)}:${address.port}`;

  /** @type {Promise<void> | undefined} */
  let closed;
  return {
    url,
    port: address.port,
    close() {
      closed ??= new Promise((resolve, reject) => {
        app.shutdown();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from a browser would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** A host a browser can open: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(/** @type {string} */ host) {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`Usage: panoptic-demo-app [--port <n>] [--host <address>]

  --port, -p  port to listen on (default: $PORT, else 4173; 0 = any free port)
  --host      address to bind (default: 127.0.0.1)`);
    return;
  }
  const rawPort = values.port ?? process.env.PORT ?? '4173';
  const port = /^\d+$/.test(rawPort) ? Number(rawPort) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    console.error(`Demo app: --port/PORT must be a number from 0 to 65535, got "${rawPort}".`);
    process.exitCode = 2;
    return;
  }
  const host = values.host ?? '127.0.0.1';
  const server = await startDemoServer({ port, host });
  console.log(`Panoptic demo app listening on ${server.url}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** True when this file is the program being run (also through a bin symlink). */
function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
