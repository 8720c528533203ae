import { test, expect } from '@playwright/test';
import type { Context } from '@panoptic/server';
import { emitRunPublished, onRunPublished, type RunPublished } from '../../../packages/server/dist/domain/runs-events.js';

// The hook webhooks build on: listeners hear each publish in order, one listener's failure is logged
// and the others still run, and a removed listener hears nothing more.

test('run-published listeners are called in order; a failing one is logged, a removed one is not called', async () => {
  const ctx = {} as Context;
  const heard: string[] = [];
  const logged: string[] = [];
  onRunPublished(ctx, (event) => void heard.push(`first ${event.run.run_id} ${event.finished}`));
  const remove = onRunPublished(ctx, () => {
    throw new Error('endpoint down');
  });
  onRunPublished(ctx, async (event) => {
    await Promise.resolve();
    heard.push(`third ${event.shard}`);
  });
  const event = { project: { id: 1, name: 'shop' }, run: { run_id: 'gh-1-1' }, shard: 2, finished: true } as RunPublished;
  await emitRunPublished(ctx, event, (message) => logged.push(message));
  expect(heard).toEqual(['first gh-1-1 true', 'third 2']);
  expect(logged).toEqual(['a run-published listener failed for run gh-1-1: endpoint down']);
  remove();
  await emitRunPublished(ctx, event, (message) => logged.push(message));
  expect(logged).toHaveLength(1);
  expect(heard).toHaveLength(4);
});
