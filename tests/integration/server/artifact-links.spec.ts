import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { PNG } from 'pngjs';
import type { PublishedArtifact } from '@panoptic/model/run-publish';
import { cloudOptionsFromSettings, createProvider, signLinkToken } from '@panoptic/cloud';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
import { startAzurite, startS3rver } from '../../helpers/storage-servers.js';
import { test, expect, addUser, login, type ServerFixtures } from './fixtures.js';

// A test's page links its artifacts into the store for minutes: `panoptic server start --suite`
// takes the suite's settings.cloud (the store the reporter uploads to). A local folder is served by
// the server behind an HMAC token; s3rver gets presigned GETs and Azurite read-only SAS URLs. Each
// link works without the session; an expired or changed one is refused; nothing outside the
// store's folder is ever served; a user who cannot read the project gets no page and so no link.

const png = PNG.sync.write(Object.assign(new PNG({ width: 4, height: 3 }), { data: Buffer.alloc(4 * 3 * 4, 0x80) }));
const TEST_KEY = 'chromium › shop.spec.ts › home';

type Fixtures = Pick<ServerFixtures, 'init' | 'startServer' | 'api' | 'secrets' | 'dir'>;

function artifact(name: string, kind: PublishedArtifact['kind'], key: string): PublishedArtifact {
  const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.zip') ? 'application/zip' : 'text/plain';
  return { name, kind, content_type: type, retry: 0, key };
}

/** A published run `runId` of one failed test "home" with `artifacts` stored in `store`. */
function runWith(runId: string, store: string, artifacts: PublishedArtifact[]) {
  const test = { key: TEST_KEY, title: 'home', title_path: ['shop.spec.ts', 'home'], project: 'chromium', file: 'shop.spec.ts', line: 3, outcome: 'unexpected', duration_ms: 10, attempts: [{ retry: 0, status: 'failed', duration_ms: 10, start_time: '2026-12-06T10:00:00Z' }], artifacts };
  return { version: 1, run_id: runId, shard: null, status: 'failed', started_at: '2026-12-06T10:00:00Z', duration_ms: 10, store, tests: [test] };
}

/**
 * A server whose store is `cloud`, a project "shop" that vera may read (bob may not), and one run
 * whose test "home" has `artifacts` stored in `store`; answers vera's view of the test's page.
 */
async function testPageWith({ init, startServer, api, secrets, dir }: Fixtures, cloud: Record<string, string>, env: NodeJS.ProcessEnv, store: string, artifacts: PublishedArtifact[]) {
  const settings = Object.entries(cloud).map(([name, value]) => `    ${name}: ${JSON.stringify(value)}`);
  fs.writeFileSync(path.join(dir, 'store.yaml'), `name: artifacts\napps:\n  - name: web\n    type: web\n    url: http://localhost:3000\nsettings:\n  cloud:\n${settings.join('\n')}\n`);
  const { password } = await init();
  const { url } = await startServer(['--suite', 'store.yaml'], env);
  const admin = await login(api, url, 'admin', password);
  const vera = await addUser(api, url, admin, secrets, 'vera', 'viewer');
  const bob = await addUser(api, url, admin, secrets, 'bob', 'viewer');
  expect((await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'shop', member_ids: [vera.id] } })).status).toBe(201);
  const published = await api(url, 'PUT', '/api/v1/projects/shop/runs/run-1', { token: admin, body: runWith('run-1', store, artifacts) });
  expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);
  const pagePath = `/dashboard/projects/shop/test?key=${encodeURIComponent(TEST_KEY)}`;
  const read = (token: string) => fetch(new URL(pagePath, url), { headers: { cookie: `panoptic_session=${token}` }, redirect: 'manual' });
  const bobsPage = await read(bob.token);
  expect(bobsPage.status, 'a viewer outside the project gets no page, so no link').toBe(404);
  const response = await read(vera.token);
  expect(response.status).toBe(200);
  return { url, html: await response.text(), csp: response.headers.get('content-security-policy') ?? '', veraToken: vera.token, pagePath, admin };
}

const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const imageOf = (html: string) => unescape(/<img src="([^"]+)"/.exec(html)?.[1] ?? '');
const linkNamed = (html: string, name: string) => unescape(new RegExp(`<a href="([^"]+)"[^>]*>${name}</a>`).exec(html)?.[1] ?? '');

test('local store: the server serves a link while its token is valid and names no file the token does not', async ({ init, startServer, api, secrets, dir }) => {
  const secret = crypto.randomBytes(32);
  const prefix = 'demo/run-1/all';
  fs.mkdirSync(path.join(dir, 'store', prefix), { recursive: true });
  fs.writeFileSync(path.join(dir, 'store', prefix, 'home.png'), png);
  fs.writeFileSync(path.join(dir, 'store', prefix, 'trace.zip'), 'PK-trace');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'outside the store');
  const { url, html, admin } = await testPageWith({ init, startServer, api, secrets, dir }, { provider: 'local', bucket: 'store' }, { PANOPTIC_ARTIFACT_LINK_SECRET: secret.toString('base64') }, 'local folder ../store', [
    artifact('home.png', 'screenshot', `${prefix}/home.png`),
    artifact('trace.zip', 'trace', `${prefix}/trace.zip`),
    artifact('escape.txt', 'other', `${prefix}/../../../outside.txt`),
  ]);

  const image = imageOf(html);
  expect(image).toMatch(/^\/dashboard\/artifact\?t=[^&]+$/);
  const served = await fetch(new URL(image, url));
  expect(served.status).toBe(200);
  expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(served.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''home.png");
  const token = new URL(image, url).searchParams.get('t')!;
  const expiresAt = Number(token.split('.')[1]);
  expect(expiresAt - Date.now() / 1000).toBeGreaterThan(240);
  expect(expiresAt - Date.now() / 1000).toBeLessThanOrEqual(300);

  const trace = linkNamed(html, 'trace.zip');
  const traceResponse = await fetch(new URL(trace, url));
  expect(traceResponse.headers.get('content-disposition'), 'anything but an image downloads').toMatch(/^attachment/);
  expect(await traceResponse.text()).toBe('PK-trace');
  expect(linkNamed(html, 'open in the trace viewer')).toBe(`https://trace.playwright.dev/?trace=${encodeURIComponent(new URL(trace, url).href)}`);
  expect(html, 'a key with ".." gets no link').toContain(`escape.txt <span class="note">(in the store local folder ../store at <code>${prefix}/../../../outside.txt</code>)`);

  const status = async (link: string) => {
    const response = await fetch(new URL(link, url));
    const body = await response.text();
    expect(body).not.toContain('outside the store');
    return response.status;
  };
  const withToken = (value: string) => `/dashboard/artifact?${new URLSearchParams({ t: value }).toString()}`;
  const [keyPart, , mac] = token.split('.');
  const summaryKey = Buffer.from(`${prefix}/summary.json`).toString('base64url');
  expect(await status(withToken(token.replace(keyPart!, summaryKey))), 'another key under the same signature').toBe(403);
  expect(await status(withToken(token.replace(mac!, `${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`))), 'a changed signature').toBe(403);
  expect(await status(withToken(token.replace(String(expiresAt), String(expiresAt + 3600)))), 'a later expiry').toBe(403);
  expect(await status(withToken(signLinkToken(secret, `${prefix}/home.png`, Math.floor(Date.now() / 1000) - 1))), 'an expired link').toBe(403);
  expect(await status('/dashboard/artifact'), 'no token').toBe(403);
  // Even a link signed with the server's own secret reaches nothing outside the store's folder.
  for (const key of ['../outside.txt', `${prefix}/../../../outside.txt`, path.join(dir, 'outside.txt')]) {
    expect(await status(withToken(signLinkToken(secret, key, Math.floor(Date.now() / 1000) + 60))), key).toBe(404);
  }
  expect(await status(`${image}&key=..%2F..%2F..%2Foutside.txt`), 'only the token chooses the file').toBe(200);

  // Another project's publisher names shop's keys (its store folder "demo/" is bound to shop by
  // the publish above): refused whole, also through a run id that makes a deeper "folder".
  expect((await api(url, 'POST', '/api/v1/projects', { token: admin, body: { name: 'tools' } })).status).toBe(201);
  const publish = (runId: string, key: string) => api(url, 'PUT', `/api/v1/projects/tools/runs/${runId}`, { token: admin, body: runWith(runId, 'local folder ../store', [artifact('home.png', 'screenshot', key)]) });
  const stolen = await publish('run-1', `${prefix}/home.png`);
  expect(stolen.status).toBe(403);
  expect(JSON.stringify(stolen.body)).toContain('the store folder \\"demo/\\" belongs to another project');
  expect((await publish('all', `${prefix}/shots/home.png`)).status, 'demo/run-1/ lies inside demo/').toBe(403);
  // A key off the layout for its run (run-9 is none of its segments) is stored, but never linked.
  expect((await publish('run-9', `${prefix}/home.png`)).status).toBe(200);
  const runs = await api(url, 'GET', '/api/v1/projects/tools/runs', { token: admin });
  expect((runs.body as { items: { run_id: string }[] }).items.map((run) => run.run_id), 'the refused publishes wrote nothing').toEqual(['run-9']);
  const toolsPage = await fetch(new URL(`/dashboard/projects/tools/test?key=${encodeURIComponent(TEST_KEY)}`, url), { headers: { cookie: `panoptic_session=${admin}` } });
  const toolsHtml = await toolsPage.text();
  expect(toolsPage.status).toBe(200);
  expect(toolsHtml).toContain(`home.png <span class="note">(in the store local folder ../store at <code>${prefix}/home.png</code>)`);
  expect(toolsHtml, "no link to shop's file on tools' page").not.toContain('/dashboard/artifact?');
});

test('s3rver: a presigned GET for the configured lifetime, refused once expired or with another key id', async ({ init, startServer, api, secrets, dir }) => {
  const s3 = await startS3rver();
  try {
    const cloud = { provider: 's3', bucket: s3.bucket, endpoint: s3.endpoint, region: 'us-east-1' };
    const env = { AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey };
    const provider = await createProvider(cloudOptionsFromSettings(cloud, env));
    const key = 'demo/run-1/all/home.png';
    await provider.put(key, png, { contentType: 'image/png' });
    // Three seconds: enough to read the link at once on a busy machine, short enough to wait out.
    const { html, csp } = await testPageWith({ init, startServer, api, secrets, dir }, cloud, { ...env, PANOPTIC_ARTIFACT_LINK_SECONDS: '3' }, provider.location, [artifact('home.png', 'screenshot', key)]);
    const link = new URL(imageOf(html));
    expect(link.origin + link.pathname).toBe(`${s3.endpoint}/${s3.bucket}/${key}`);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('3');
    expect(csp, 'the page may show images from the store').toContain(`img-src 'self' data: ${s3.endpoint}`);
    const first = await fetch(link);
    expect(first.status).toBe(200);
    expect(Buffer.from(await first.arrayBuffer()).equals(png)).toBe(true);
    // s3rver does not verify SigV4 signatures, only the key id and the expiry: a changed key id is what it can refuse.
    const forged = new URL(link);
    forged.searchParams.set('X-Amz-Credential', link.searchParams.get('X-Amz-Credential')!.replace(s3.accessKey, 'SOMEONE-ELSE'));
    expect((await fetch(forged)).status).toBe(403);
    const signedAt = Date.parse(link.searchParams.get('X-Amz-Date')!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    // s3rver compares with the same clock: just past X-Amz-Date + X-Amz-Expires is enough.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, signedAt + 3_000 + 300 - Date.now())));
    const expired = await fetch(link);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  } finally {
    await s3.stop();
  }
});

test('Azurite: a read-only SAS for the blob alone; a changed signature or another blob is refused; the page shows the image in Chromium', async ({ init, startServer, api, secrets, dir }) => {
  const azurite = await startAzurite();
  try {
    const cloud = { provider: 'azure', bucket: azurite.container };
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString() };
    const provider = await createProvider(cloudOptionsFromSettings(cloud, env));
    const key = 'demo/run-1/all/home.png';
    await provider.put(key, png, { contentType: 'image/png' });
    await provider.put('demo/run-1/all/secret.txt', Buffer.from('not linked'), { contentType: 'text/plain' });
    const { url, html, veraToken, pagePath } = await testPageWith({ init, startServer, api, secrets, dir }, cloud, env, provider.location, [artifact('home.png', 'screenshot', key)]);
    const link = new URL(imageOf(html));
    expect(link.searchParams.get('sp'), 'read only').toBe('r');
    expect(link.searchParams.get('sr'), 'this blob only').toBe('b');
    const lifetime = Date.parse(link.searchParams.get('se')!) - Date.now();
    expect(lifetime).toBeGreaterThan(240_000);
    expect(lifetime).toBeLessThanOrEqual(300_000);
    const first = await fetch(link);
    expect(first.status).toBe(200);
    expect(Buffer.from(await first.arrayBuffer()).equals(png)).toBe(true);
    const tampered = new URL(link);
    tampered.searchParams.set('sig', Buffer.from(crypto.randomBytes(32)).toString('base64'));
    expect((await fetch(tampered)).status).toBe(403);
    const otherBlob = new URL(link);
    otherBlob.pathname = otherBlob.pathname.replace('home.png', 'secret.txt');
    expect((await fetch(otherBlob)).status).toBe(403);

    const browser = await chromium.launch(launchOptionsForChromium());
    try {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'panoptic_session', value: veraToken, url }]);
      const page = await context.newPage();
      await page.goto(new URL(pagePath, url).href);
      const image = page.getByRole('img', { name: 'Preview of home.png' });
      // Loaded under the page's CSP, which names the store's origin.
      await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth)).toBe(4);
    } finally {
      await browser.close();
    }
  } finally {
    await azurite.stop();
  }
});
