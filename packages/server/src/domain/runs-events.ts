import type { Context } from './context.js';
import type { Run } from './runs-read.js';

// The in-process hook other parts of the server (webhooks) use to act on published runs. Listeners
// run after the publish is committed, one after another; a listener's failure is logged and never
// undoes or fails the publish the client made.

export interface RunPublished {
  project: { id: number; name: string };
  run: Run;
  /** The shard this publish carried (1 for an unsharded run). */
  shard: number;
  /** True when every expected shard is in: the run is finished. */
  finished: boolean;
}

export type RunPublishedListener = (event: RunPublished) => void | Promise<void>;

/** Calls `listener` after every publish on this context; returns the function that removes it. */
export function onRunPublished(ctx: Context, listener: RunPublishedListener): () => void {
  const listeners = (ctx.runListeners ??= []);
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

export async function emitRunPublished(ctx: Context, event: RunPublished, log: (message: string) => void): Promise<void> {
  for (const listener of [...(ctx.runListeners ?? [])]) {
    try {
      await listener(event);
    } catch (error) {
      log(`a run-published listener failed for run ${event.run.run_id}: ${(error as Error).message}`);
    }
  }
}
