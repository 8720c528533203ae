import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * A loopback HTTP server in front of an app (another server, or a folder of static files) that can
 * turn "broken" while keeping its URL: then every text node of its HTML pages has its vowels
 * swapped for look-alike digits. Tests generated against the app must pass on it, and fail on the
 * broken one: that shows their checks look at what the page says.
 */
export interface SwitchableApp {
  url: string;
  setBroken(broken: boolean): void;
  close(): Promise<void>;
}

const SWAPS: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', u: 'v', A: '4', E: '3', I: '1', O: '0', U: 'V' };

/** Rewrites the text between tags (not inside script or style, not attributes). */
export function breakHtml(html: string): string {
  let inRaw = false;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<(script|style)\b/i.test(part)) inRaw = true;
        if (/^<\/(script|style)\b/i.test(part)) inRaw = false;
        return part;
      }
      return inRaw ? part : part.replace(/&[a-z#0-9]+;|[aeiouAEIOU]/g, (match) => SWAPS[match] ?? match);
    })
    .join('');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

type Answer = { status: number; headers: http.OutgoingHttpHeaders; body: Buffer };

function serveFile(root: string, pathname: string): Answer {
  const file = path.join(root, decodeURIComponent(pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: Buffer.from('not found') };
  }
  return { status: 200, headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }, body: fs.readFileSync(file) };
}

function forward(target: URL, req: http.IncomingMessage, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** Serves `target` (a server's URL, or a folder of static files) on a free loopback port. */
export async function startSwitchableApp(target: { url: string } | { root: string }): Promise<SwitchableApp> {
  let broken = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = 'root' in target
        ? Promise.resolve(serveFile(path.resolve(target.root), new URL(req.url ?? '/', 'http://x').pathname))
        : forward(new URL(target.url), req, Buffer.concat(chunks));
      answer.then(
        ({ status, headers, body }) => {
          const isHtml = String(headers['content-type'] ?? '').includes('text/html');
          const out = broken && isHtml ? Buffer.from(breakHtml(body.toString('utf8'))) : body;
          const { 'content-length': _length, 'transfer-encoding': _encoding, connection: _connection, ...rest } = headers;
          res.writeHead(status, { ...rest, 'content-length': out.length });
          res.end(out);
        },
        (error: Error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(error.message);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    setBroken(value) {
      broken = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
