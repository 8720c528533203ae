import { test, expect } from '@playwright/test';
import { currentRunId, ensureRunId, newRunId } from '@panoptic/cloud';

const now = new Date('2025-01-15T09:30:00.123Z');

test('currentRunId reads the environment and never writes it', () => {
  const env: NodeJS.ProcessEnv = {};
  expect(currentRunId(env)).toBeUndefined();
  expect(currentRunId({ GITHUB_RUN_ID: '42' })).toBe('gh-42-1');
  expect(currentRunId({ GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '3' })).toBe('gh-42-3');
  expect(currentRunId({ CI_PIPELINE_ID: '7' })).toBe('gl-7');
  expect(currentRunId({ PANOPTIC_RUN_ID: 'mine', GITHUB_RUN_ID: '42' })).toBe('mine');
  const ci: NodeJS.ProcessEnv = { GITHUB_RUN_ID: '42' };
  currentRunId(ci);
  expect(ci).toEqual({ GITHUB_RUN_ID: '42' });
  expect(env).toEqual({});
});

test('ensureRunId fixes the id in the environment once', () => {
  const env: NodeJS.ProcessEnv = {};
  expect(ensureRunId(env, now)).toBe('2025-01-15T09-30-00-123Z');
  expect(env.PANOPTIC_RUN_ID).toBe('2025-01-15T09-30-00-123Z');
  expect(ensureRunId(env, new Date())).toBe('2025-01-15T09-30-00-123Z');
  const ci: NodeJS.ProcessEnv = { CI_PIPELINE_ID: '7' };
  expect(ensureRunId(ci, now)).toBe('gl-7');
  expect(ci.PANOPTIC_RUN_ID).toBe('gl-7');
  expect(newRunId(now)).toBe('2025-01-15T09-30-00-123Z');
});
