import { MAX_TIMER_MS } from './durations.js';
import type { Action } from './schema.js';

/**
 * The original's defaults. Element lookups get 10 s, so a wrong selector fails at its action
 * instead of running into Playwright's 30 s test timeout; a page load keeps 30 s.
 */
export const DEFAULT_ELEMENT_TIMEOUT_SECONDS = 10;
export const DEFAULT_PAGE_TIMEOUT_SECONDS = 30;

export const DEFAULT_WAIT_SECONDS = 1;
export const DEFAULT_RECORD_SECONDS = 30;

/**
 * Milliseconds an app's actions spend on purpose: its waits and its recordings. A recording does not
 * block, but a suite holds the page for its clip (with a wait or slow steps), so the time is planned
 * all the same. The test's timeout grows by this much: the config's timeout is sized for the
 * actions' own work, not for pauses the suite asks for.
 */
export function plannedMilliseconds(actions: readonly Action[]): number {
  let seconds = 0;
  for (const action of actions) {
    if (action.type === 'wait') seconds += action.wait_time ?? DEFAULT_WAIT_SECONDS;
    else if (action.type === 'record') seconds += action.duration ?? DEFAULT_RECORD_SECONDS;
  }
  return Math.min(MAX_TIMER_MS, Math.round(seconds * 1000));
}

/** A test timeout grown by `extraMs`, within what a timer can wait; 0 (no timeout) stays 0. */
export function grownTimeout(timeoutMs: number, extraMs: number): number {
  return timeoutMs > 0 ? Math.min(MAX_TIMER_MS, timeoutMs + extraMs) : 0;
}
