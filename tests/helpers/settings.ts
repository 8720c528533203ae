import type { Readable } from 'node:stream';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from '@playwright/test';
import type { JSONReport, JSONReportSpec, JSONReportSuite, JSONReportTestResult } from '@playwright/test/reporter';

/** What the probe page's script read from the browser that opened it. */
export interface ProbeFacts {
  userAgent: string;
  innerWidth: number;
  innerHeight: number;
  devicePixelRatio: number;
  maxTouchPoints: number;
}

export interface ProbeRequest {
  path: string;
  id: string;
  userAgent: string;
}

export interface ProbeServer {
  readonly url: string;
  /** The probe page for `id`; `lateMs` adds a `[data-testid=late]` element that long after load. */
  page(id: string, options?: { lateMs?: number }): string;
  /** Every request the server got for `id` (page, image, facts), in order. */
  requests(id: string): ProbeRequest[];
  facts(id: string): ProbeFacts | undefined;
}

// An inline SVG is enough for the browser to count it as an image request.
const PIXEL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#4f46e5"/></svg>';

/**
 * Without a meta viewport on purpose: an emulated mobile browser (`isMobile`) then lays the page
 * out 980 px wide, a desktop browser at its viewport width.
 */
function probeHtml(id: string, lateMs: number | undefined): string {
  const late =
    lateMs === undefined
      ? ''
      : `setTimeout(() => { const p = document.createElement('p'); p.dataset.testid = 'late'; p.textContent = 'late'; document.body.append(p); }, ${lateMs});`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>probe ${id}</title></head>
<body>
<p data-testid="probe">probe ${id}</p>
<img src="/pixel.svg?id=${encodeURIComponent(id)}" width="8" height="8" alt="">
<script>
const facts = {
  userAgent: navigator.userAgent,
  innerWidth: window.innerWidth,
  innerHeight: window.innerHeight,
  devicePixelRatio: window.devicePixelRatio,
  maxTouchPoints: navigator.maxTouchPoints,
};
fetch('/facts?id=${encodeURIComponent(id)}', { method: 'POST', body: JSON.stringify(facts) }).then(() => {
  const p = document.createElement('p');
  p.dataset.testid = 'reported';
  p.textContent = 'reported';
  document.body.append(p);
});
${late}
</script>
</body></html>
`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/**
 * A page that reports what the browser looking at it is (user agent, viewport, scale, touch) and
 * a log of what it asked the server for: settings observed from outside the run.
 */
export function useProbeServer(): ProbeServer {
  let server: Server | undefined;
  let url: string | undefined;
  const log: ProbeRequest[] = [];
  const factsById = new Map<string, ProbeFacts>();

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const parsed = new URL(req.url ?? '/', 'http://probe.invalid');
      const id = parsed.searchParams.get('id') ?? '';
      log.push({ path: parsed.pathname, id, userAgent: req.headers['user-agent'] ?? '' });
      if (parsed.pathname === '/probe') {
        const late = parsed.searchParams.get('late');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(probeHtml(id, late === null ? undefined : Number(late)));
      } else if (parsed.pathname === '/pixel.svg') {
        res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
        res.end(PIXEL_SVG);
      } else if (parsed.pathname === '/facts' && req.method === 'POST') {
        readBody(req).then(
          (body) => {
            factsById.set(id, JSON.parse(body) as ProbeFacts);
            res.writeHead(204).end();
          },
          () => res.writeHead(400).end(),
        );
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
  });

  return {
    get url(): string {
      if (!url) throw new Error('The probe server is not started yet.');
      return url;
    },
    page(id, options = {}) {
      const query = new URLSearchParams({ id });
      if (options.lateMs !== undefined) query.set('late', String(options.lateMs));
      return `${this.url}/probe?${query}`;
    },
    requests: (id) => log.filter((entry) => entry.id === id),
    facts: (id) => factsById.get(id),
  };
}

/**
 * An X display for headed browsers: the current one, else a private Xvfb started for this file.
 * `env` is undefined when neither exists.
 */
export function useDisplay(): { readonly env: NodeJS.ProcessEnv | undefined } {
  let xvfb: ChildProcess | undefined;
  let display = process.env.DISPLAY || undefined;

  test.beforeAll(async () => {
    if (display) return;
    const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    const number = await new Promise<string | undefined>((resolve) => {
      let text = '';
      child.once('error', () => resolve(undefined));
      child.once('exit', () => resolve(undefined));
      const fd3 = child.stdio[3] as Readable;
      fd3.setEncoding('utf8');
      fd3.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n')) resolve(text.trim());
      });
    });
    if (number) {
      xvfb = child;
      display = `:${number}`;
    }
  });

  test.afterAll(async () => {
    if (!xvfb || xvfb.exitCode !== null) return;
    const exited = new Promise((resolve) => xvfb!.once('exit', resolve));
    xvfb.kill();
    await exited;
  });

  return {
    get env() {
      return display ? { DISPLAY: display } : undefined;
    },
  };
}

function findResult(report: JSONReport | undefined, project: string): JSONReportTestResult {
  if (!report) throw new Error('The run wrote no JSON report.');
  const specs: JSONReportSpec[] = [];
  const collect = (suite: JSONReportSuite): void => {
    specs.push(...suite.specs);
    for (const child of suite.suites ?? []) collect(child);
  };
  for (const suite of report.suites) collect(suite);
  const found = specs.flatMap((spec) => spec.tests).find((t) => t.projectName === project);
  const result = found?.results.at(-1);
  if (!result) throw new Error(`No test ran in project "${project}".`);
  return result;
}

/** What a project's test wrote to stderr, which `flatTests` leaves out. */
export function stderrOf(report: JSONReport | undefined, project: string): string {
  return findResult(report, project)
    .stderr.map((entry) => ('text' in entry ? entry.text : Buffer.from(entry.buffer, 'base64').toString()))
    .join('');
}

/** Which of the run's parallel worker slots ran a project's test. */
export function workerSlotOf(report: JSONReport | undefined, project: string): number {
  return findResult(report, project).parallelIndex;
}

/**
 * The quality a baseline JPEG was encoded at, read back from its luminance quantization table
 * (libjpeg's standard table scaled by quality, as browsers encode screenshots).
 */
export function jpegQuality(file: string): number {
  const bytes = fs.readFileSync(file);
  const table = luminanceTable(bytes);
  if (!table) throw new Error(`${file} has no 8-bit luminance quantization table.`);
  for (let quality = 1; quality <= 100; quality++) {
    const standard = standardLuminance(quality);
    if (ZIGZAG.every((natural, stored) => standard[natural] === table[stored])) return quality;
  }
  throw new Error(`${file}: its quantization table is not libjpeg's standard table at any quality.`);
}

/** The JPEG standard's luminance table (Annex K), in row order. */
const STANDARD_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80,
  62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98,
  112, 100, 103, 99,
];

/** Where each stored (zigzag) entry of a quantization table sits in row order. */
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42,
  49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** libjpeg's `jpeg_set_quality` for the luminance table, in row order. */
function standardLuminance(quality: number): number[] {
  const scale = quality < 50 ? Math.floor(5000 / quality) : 200 - quality * 2;
  return STANDARD_LUMINANCE.map((base) => Math.min(255, Math.max(1, Math.floor((base * scale + 50) / 100))));
}

/** Table 0 of the DQT segments, in zigzag order as stored. */
function luminanceTable(bytes: Buffer): number[] | undefined {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker === 0xdb) {
      let offset = at + 4;
      while (offset < at + 2 + length) {
        const precision = bytes[offset]! >> 4;
        const id = bytes[offset]! & 0x0f;
        const size = precision ? 128 : 64;
        if (id === 0 && precision === 0) return [...bytes.subarray(offset + 1, offset + 1 + 64)];
        offset += 1 + size;
      }
    }
    if (marker === 0xda) return undefined;
    at += 2 + length;
  }
  return undefined;
}
