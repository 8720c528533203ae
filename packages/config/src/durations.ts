// The limits are part of contracts other packages read (the cloud settings): @panoptic/model owns them.
import { MAX_DATE_DAYS } from '@panoptic/model/durations';
import type { IssuePath } from './issues.js';

export { MAX_DATE_DAYS, MAX_TIMER_MS, MAX_TIMER_SECONDS, dateDays, timerMilliseconds, timerSeconds } from '@panoptic/model/durations';

const TIMER_REASON = 'Node.js timers cannot wait longer than 2^31-1 ms (about 24.8 days)';
const DATE_REASON = `a date that many days before now is outside the range of a JavaScript date (${MAX_DATE_DAYS} days from 1970)`;

// By key name: each name below means the same unit wherever it appears in the schema.
const UNIT_OF_KEY: Readonly<Record<string, string>> = {
  wait_time: `seconds: ${TIMER_REASON}`,
  duration: `seconds: ${TIMER_REASON}`,
  timeout: `seconds: ${TIMER_REASON}`,
  page_timeout: `seconds: ${TIMER_REASON}`,
  element_timeout: `seconds: ${TIMER_REASON}`,
  test_timeout: `seconds: ${TIMER_REASON}`,
  sync_interval: `seconds: ${TIMER_REASON}`,
  session_timeout: 'minutes: a session that long would end outside the range of a JavaScript date',
  request_timeout_ms: `milliseconds: ${TIMER_REASON}`,
  retry_backoff_ms: `milliseconds: ${TIMER_REASON}`,
  retention_days: `days: ${DATE_REASON}`,
  days: `days: ${DATE_REASON}`,
  data_retention: `days: ${DATE_REASON}`,
  audit_retention: `days: ${DATE_REASON}`,
  max_age_days: `days: ${DATE_REASON}`,
};

/** Why a duration key has the upper bound it has, for the message of a value over it. */
export function durationLimitReason(path: IssuePath): string | undefined {
  const key = path[path.length - 1];
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(UNIT_OF_KEY, key) ? UNIT_OF_KEY[key] : undefined;
}
