import { z } from 'zod';

/** The longest delay `setTimeout` honours; a longer one fires after 1 ms (with a warning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Whole seconds, so that `seconds * 1000` can never round past the limit. */
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);
/** A JavaScript date is at most 10^8 days from 1970: a cutoff further back is no date at all. */
export const MAX_DATE_DAYS = 100_000_000;

/** A duration in seconds that a run waits with a timer (Playwright's timeouts are timers too). */
export const timerSeconds = z.number().nonnegative().max(MAX_TIMER_SECONDS);
export const timerMilliseconds = z.number().int().nonnegative().max(MAX_TIMER_MS);
/** A number of days counted back from now (retention). */
export const dateDays = z.number().int().nonnegative().max(MAX_DATE_DAYS);
