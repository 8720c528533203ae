import path from 'node:path';
import { test, expect } from '@playwright/test';
import { runPublishSchema } from '@panoptic/model/run-publish';
import { ciOf, payloadOf, publishableRunId } from '../../../packages/reporter/dist/publish-payload.js';
import { targetOf } from '../../../packages/reporter/dist/publish.js';
import type { Summary } from '../../../packages/reporter/dist/summary.js';
import { fakeTest } from './fake-test.js';

test('CI metadata: PANOPTIC_* wins, then GitHub, GitLab and Jenkins variables', () => {
  expect(ciOf({ GITHUB_SHA: 'abc', GITHUB_REF_NAME: 'main', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '42' })).toEqual({
    branch: 'main', commit: 'abc', ci_url: 'https://github.com/acme/shop/actions/runs/42',
  });
  expect(ciOf({ GITHUB_HEAD_REF: 'feature', GITHUB_REF_NAME: '7/merge', PANOPTIC_COMMIT: 'def' })).toEqual({ branch: 'feature', commit: 'def' });
  expect(ciOf({ CI_COMMIT_REF_NAME: 'dev', CI_PIPELINE_URL: 'https://gitlab.example/p/1', BUILD_URL: 'https://jenkins.example/1' })).toEqual({ branch: 'dev', ci_url: 'https://gitlab.example/p/1' });
  expect(ciOf({ BRANCH_NAME: '', GIT_COMMIT: 'xyz' })).toEqual({ commit: 'xyz' });
});

test('run ids the server accepts are kept; others lose the characters it refuses', () => {
  expect(publishableRunId('gh-123-1')).toBe('gh-123-1');
  expect(publishableRunId('2026-12-06T17-12-52-000Z')).toBe('2026-12-06T17-12-52-000Z');
  expect(publishableRunId('my run/7')).toBe('my-run-7');
  expect(publishableRunId('__x')).toBe('x');
});

test('the server comes from the option, else PANOPTIC_SERVER_URL, else the suite; the key only ever from the environment', () => {
  const suite = { url: 'https://suite.example', apiKeyEnv: 'SHOP_KEY', suiteName: 'shop' };
  expect(targetOf(undefined, undefined, {})).toBeUndefined();
  expect(targetOf(false, suite, {})).toBeUndefined();
  expect(targetOf(undefined, suite, {})).toEqual({ url: 'https://suite.example', project: 'shop', apiKeyEnv: 'SHOP_KEY' });
  expect(targetOf({ url: 'https://opt.example' }, suite, { PANOPTIC_SERVER_PROJECT: 'billing' })).toEqual({ url: 'https://opt.example', project: 'billing', apiKeyEnv: 'SHOP_KEY' });
  expect(targetOf({ url: 'https://opt.example', project: 'p', apiKeyEnv: 'K' }, undefined, {})).toEqual({ url: 'https://opt.example', project: 'p', apiKeyEnv: 'K' });
  expect(targetOf(undefined, suite, { PANOPTIC_SERVER_URL: 'https://env.example' })).toMatchObject({ url: 'https://env.example' });
  expect(targetOf({ url: 'https://opt.example' }, suite, { PANOPTIC_SERVER_URL: 'https://env.example' })).toMatchObject({ url: 'https://opt.example' });
  expect(targetOf({ url: 'https://opt.example' }, undefined, {})).toBe("publishing to https://opt.example needs a project: set the reporter's server.project or PANOPTIC_SERVER_PROJECT");
});

test('the payload carries attempts with redacted errors and store keys of artifacts, and matches its contract', () => {
  const failing = fakeTest('a.spec.ts › fails', 'unexpected', 12, {
    attempts: [{ retry: 0, status: 'failed', durationMs: 12, startTime: '2026-12-01T10:00:00.000Z', workerIndex: 0, errors: [{ message: 'token s3cret-value leaked', kind: 'assertion-mismatch', confidence: 0.9 }] }],
    failure: { kind: 'assertion-mismatch', confidence: 0.9, summary: 'x', suggestion: 'y' },
    artifacts: [{ name: 'screenshot', kind: 'screenshot', contentType: 'image/png', path: 'data/shot.png', bytes: 10, retry: 0 }],
  });
  const summary = {
    run: { status: 'failed', startTime: '2026-12-01T10:00:00.000Z', durationMs: 1000, playwrightVersion: '1.65.0', workers: 1, shard: { current: 2, total: 3 }, errors: [] },
    uploads: { location: 's3 bucket runs', prefix: 'shop/gh-1-1/shard-2', report: 'r', uploaded: 1, unchanged: 0, failed: [] },
    tests: [failing],
  } as unknown as Summary;
  const payload = payloadOf({ summary, runId: 'gh-1-1', env: { PANOPTIC_CI_URL: 'https://ci.example/run?token=s3cret-value' }, redact: (text) => text.replaceAll('s3cret-value', '<redacted>') });
  expect(runPublishSchema.parse(payload)).toEqual(payload);
  expect(payload).toMatchObject({ run_id: 'gh-1-1', shard: { current: 2, total: 3 }, status: 'failed', store: 's3 bucket runs', ci_url: 'https://ci.example/run?token=<redacted>' });
  expect(payload.tests[0]).toMatchObject({
    key: 'a.spec.ts › fails', outcome: 'unexpected', category: 'assertion-mismatch',
    attempts: [{ retry: 0, status: 'failed', duration_ms: 12, error: 'token <redacted> leaked', category: 'assertion-mismatch' }],
    artifacts: [{ name: 'screenshot', key: 'shop/gh-1-1/shard-2/data/shot.png' }],
  });
});

test("an artifact's key is its path under the output folder, as the uploader stored it; a file outside has none", () => {
  const outputDir = path.resolve('out');
  const shot = (file: string) => ({ name: path.basename(file), kind: 'screenshot' as const, contentType: 'image/png', path: file, bytes: 1, retry: 0 });
  const summary = {
    run: { status: 'passed', startTime: '2026-12-01T10:00:00.000Z', durationMs: 1, playwrightVersion: '1.65.0', workers: 1, shard: null, errors: [] },
    uploads: { location: 'local folder ../store', prefix: 'demo/run-1/all', report: 'r', uploaded: 1, unchanged: 0, failed: [] },
    tests: [fakeTest('a.spec.ts › shows', 'expected', 1, { artifacts: [shot(path.join(outputDir, 'test-results', 'a', 'home.png')), shot(path.resolve('elsewhere', 'x.png')), shot('test-results/b.png')] })],
  } as unknown as Summary;
  const payload = payloadOf({ summary, runId: 'run-1', env: {}, redact: (text) => text, outputDir });
  expect(payload.tests[0]!.artifacts.map((artifact) => artifact.key)).toEqual(['demo/run-1/all/test-results/a/home.png', undefined, 'demo/run-1/all/test-results/b.png']);
});
