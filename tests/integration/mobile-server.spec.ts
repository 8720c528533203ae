import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from '@playwright/test';
import { repoRoot, runPlaywright, testOf, writeProject } from '../helpers/inline.js';
import { fakeCapabilities, processesWithMarker } from '../helpers/mobile.js';

// The Appium server's two other paths: one that cannot start, and an external server (a device farm
// or a team's grid) reached through its URL and credentials from the environment. The external
// server here is a real Appium behind a proxy that demands Basic credentials, as farms do.

const SPEC = `
import { test, expect } from '@panoptic/fixtures';
test.use({ panopticAppium: { capabilities: ${JSON.stringify(fakeCapabilities())} } });
test('plays on the fake app', async ({ mobile }) => {
  await mobile.fill('~username', 'demo');
  expect(await mobile.driver.$('~username').getText()).toBe('demo');
  // The recording command goes to the server directly, with the same credentials.
  await expect(mobile.startClip({ filename: 'clip.webm', durationMs: 1000 })).rejects.toThrow(/Fake driver has no screen recording/);
});
`;

const CONFIG = "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ timeout: 120_000 });\n";

test('a server that cannot start fails the test with the end of its log, and leaves nothing running', async () => {
  test.setTimeout(180_000);
  const marker = randomUUID();
  const dir = writeProject({ 'playwright.config.ts': CONFIG, 'mobile.spec.ts': SPEC });
  const run = await runPlaywright(dir, ['--workers=1'], { PANOPTIC_APPIUM_ARGS: '--no-such-flag', PANOPTIC_SERVER_RUN: marker });
  const result = testOf(run.report, '');
  expect(result.status).toBe('failed');
  const error = result.errors.join('\n');
  expect(error).toMatch(/The Appium server \(APPIUM_HOME .+\) did not start: it exited with code \d+\. The end of its log:\n/);
  expect(error).toContain('--no-such-flag');
  expect(processesWithMarker(`PANOPTIC_SERVER_RUN=${marker}`)).toEqual([]);
});

test.describe('an external server', () => {
  const user = 'farm-user';
  const key = `farm-key-${randomUUID()}`;
  let appium: { url: string; stop(): Promise<void> } | undefined;
  let proxy: Server | undefined;
  const seen = { authorized: [] as string[], refused: 0 };

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // The Appium launcher is internal to the fixtures: this test starts one itself, behind a proxy.
    const { AppiumServer } = (await import(pathToFileURL(path.join(repoRoot, 'packages/fixtures/dist/platforms/mobile/appium-server.js')).href)) as {
      AppiumServer: { start(options: { cwd: string }): Promise<{ url: string; stop(): Promise<void> }> };
    };
    appium = await AppiumServer.start({ cwd: repoRoot });
    const target = new URL(appium.url);
    const expected = `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
    proxy = createServer((req, res) => {
      if (req.headers.authorization !== expected) {
        seen.refused++;
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ value: { error: 'unauthorized', message: 'bad credentials' } }));
        return;
      }
      seen.authorized.push(`${req.method} ${req.url}`);
      const forward = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  });

  test.afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await appium?.stop();
  });

  test('is used with credentials from the environment, which never reach the output', async () => {
    test.setTimeout(180_000);
    const marker = randomUUID();
    const url = `http://127.0.0.1:${(proxy!.address() as AddressInfo).port}`;
    const dir = writeProject({ 'playwright.config.ts': CONFIG, 'mobile.spec.ts': SPEC });
    const run = await runPlaywright(dir, ['--workers=1'], {
      PANOPTIC_APPIUM_URL: url,
      PANOPTIC_APPIUM_USER: user,
      PANOPTIC_APPIUM_KEY: key,
      PANOPTIC_SERVER_RUN: marker,
    });
    const result = testOf(run.report, '');
    expect(result.status, result.errors.join('\n')).toBe('passed');
    expect(seen.refused).toBe(0);
    expect(seen.authorized).toContain('POST /session');
    expect(seen.authorized.some((line) => line.endsWith('/appium/start_recording_screen'))).toBe(true);
    expect(seen.authorized.some((line) => line.startsWith('DELETE /session/'))).toBe(true);
    expect(run.output).not.toContain(key);
    expect(processesWithMarker(`PANOPTIC_SERVER_RUN=${marker}`)).toEqual([]);
  });
});
