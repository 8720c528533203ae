import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../helpers/demo.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { readSummary, runCli } from '../helpers/reporter.js';

const demo = useDemoServer();

interface Receiver {
  url: string;
  /** Bodies of the requests it accepted. */
  messages: { text: string; blocks: unknown[] }[];
  requests: number;
  close(): Promise<void>;
}

/** A webhook receiver that refuses its first request with a 500, as a flaky endpoint would, then accepts. */
async function startReceiver(): Promise<Receiver> {
  const receiver = { messages: [] as Receiver['messages'], requests: 0 };
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      receiver.requests++;
      if (receiver.requests === 1) return response.writeHead(500).end('try again');
      receiver.messages.push(JSON.parse(body) as Receiver['messages'][number]);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/T000/B000`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

test('YAML suite: a failed max_duration gate fails an all-passing panoptic run with its line, and the webhook gets the message', async () => {
  const receiver = await startReceiver();
  try {
    const dir = writeProject({
      'suite.yaml': [
        'name: Gated',
        'apps:',
        '  - name: home',
        '    type: web',
        `    url: ${demo.url}`,
        '    actions:',
        '      - { name: shot, type: screenshot, parameters: { filename: home.png } }',
        'settings:',
        '  quality_gates:',
        '    min_pass_rate: 100',
        '    max_duration: 0',
        '    notify: { webhook_url_env: GATES_WEBHOOK }',
        '',
      ].join('\n'),
    });
    const run = await runPanoptic(dir, ['run', 'suite.yaml'], { GATES_WEBHOOK: receiver.url });
    expect(run.exitCode, run.output).toBe(1);
    expect(run.output).toContain('1 passed');
    expect(run.output).toMatch(/\[panoptic-reporter\] quality gate max_duration: \d+\.\ds > 0s\n/);
    expect(run.output).not.toContain('quality gate min_pass_rate');
    // The URL is a secret: it is never printed.
    expect(run.output).not.toContain(receiver.url);
    const summary = readSummary(dir);
    expect(summary.run.status).toBe('passed');
    expect(summary.gates).toMatchObject({ passed: false, previousRun: null, newFailures: [] });
    expect(summary.gates!.gates.map((gate) => [gate.gate, gate.passed])).toEqual([['min_pass_rate', true], ['max_duration', false]]);
    expect(fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.md'), 'utf8')).toContain('### Quality gates: failed');
    expect(fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8')).toContain('data-gate="max_duration" data-verdict="failed"');
    // Refused once, retried once: one message.
    expect(receiver.requests).toBe(2);
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]!.text).toBe('Gated: quality gate failed (max_duration)');
    expect(JSON.stringify(receiver.messages[0]!.blocks)).toContain('quality gate max_duration: ');
  } finally {
    await receiver.close();
  }
});

// The outcome of "checkout" flips through an environment variable; the gates come from the reporter option.
const config = `
import { defineConfig } from '@playwright/test';
export default defineConfig({ reporter: [['list'], ['@panoptic/reporter', { gates: JSON.parse(process.env.GATES ?? '{}') }]] });
`;
const spec = `
import { test, expect } from '@playwright/test';
test('login', () => {});
test('checkout', () => { expect(process.env.BREAK_CHECKOUT).toBeUndefined(); });
`;

test('spec project: passing gates keep exit 0; a new failure counts against the previous run of the history; a merge of shards is gated, a shard is not', async () => {
  const dir = writeProject({ 'playwright.config.ts': config, 'gates.spec.ts': spec });
  const gates = (value: object) => ({ GATES: JSON.stringify(value) });

  const passing = await runCli(dir, ['test'], gates({ min_pass_rate: 100, max_new_failures: 0, max_flaky_rate: 0, max_duration: '10m' }));
  expect(passing.exitCode, passing.output).toBe(0);
  expect(passing.output).not.toContain('quality gate');
  expect(readSummary(dir).gates).toMatchObject({ passed: true, newFailures: [] });
  const previousStart = readSummary(dir).run.startTime;

  const broken = await runCli(dir, ['test'], { ...gates({ max_new_failures: 0, min_pass_rate: 40 }), BREAK_CHECKOUT: '1' });
  expect(broken.exitCode, broken.output).toBe(1);
  expect(broken.output).toContain('[panoptic-reporter] quality gate max_new_failures: 1 > 0\n');
  expect(broken.output).not.toContain('quality gate min_pass_rate');
  expect(readSummary(dir).gates).toMatchObject({ passed: false, newFailures: ['gates.spec.ts › checkout'], previousRun: previousStart });

  // Shards are not gated (a shard's duration and rates are not the run's); their merge is, and
  // merge-reports, which exits 0 whatever the tests did, exits 1 on a failed gate.
  // One shard of one is enough to tell a shard from its merge, and costs one run.
  const shard = await runCli(dir, ['test', '--shard=1/1', '--reporter=blob,@panoptic/reporter'], {
    ...gates({ max_duration: 0 }),
    PLAYWRIGHT_BLOB_OUTPUT_FILE: path.join(dir, 'blobs', 'shard-1.zip'),
  });
  expect(shard.exitCode, shard.output).toBe(0);
  expect(readSummary(dir).gates).toBeUndefined();
  const merged = await runCli(dir, ['merge-reports', '-c', 'playwright.config.ts', 'blobs'], gates({ max_duration: 0 }));
  expect(merged.exitCode, merged.output).toBe(1);
  expect(merged.output).toMatch(/quality gate max_duration: \d+\.\ds > 0s/);
  expect(readSummary(dir)).toMatchObject({ run: { shard: null }, totals: { total: 2, passed: 2 }, gates: { passed: false } });
});
