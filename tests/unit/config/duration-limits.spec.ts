import { test, expect } from '@playwright/test';
import { WEB_APP, errorsOf, valid, yaml } from './helpers.js';

// Node.js timers cannot wait longer than 2^31-1 ms (about 24.8 days): a longer one fires after 1 ms.
// Every duration a suite can give is checked against what the run can honour, where it is written.

const TIMER = 'Node.js timers cannot wait longer than 2^31-1 ms (about 24.8 days)';

test('wait_time beyond the longest Node.js timer (2200000 s would fire after 1 ms) is a located error', () => {
  const text = yaml(...WEB_APP, 'actions:', '  - name: pause', '    type: wait', '    wait_time: 2200000');
  expect(errorsOf(text)).toEqual([
    `suite.yaml:8:16 - actions[0].wait_time: expected a number of at most 2147483, found a number (2200000); seconds: ${TIMER}`,
  ]);
});

test('every seconds key (duration, app timeout, page and element timeouts, sync_interval) is bounded by the timer limit', () => {
  const text = yaml(
    'apps:',
    '  - name: web',
    '    type: web',
    '    url: https://example.com',
    '    timeout: 3000000',
    '    actions:',
    '      - { name: clip, type: record, duration: 1e9 }',
    'settings:',
    '  page_timeout: 2147484',
    '  element_timeout: 99999999',
    '  cloud:',
    '    sync_interval: 5000000',
  );
  expect(errorsOf(text)).toEqual([
    `suite.yaml:5:14 - apps[0].timeout: expected a number of at most 2147483, found a number (3000000); seconds: ${TIMER}`,
    `suite.yaml:7:47 - apps[0].actions[0].duration: expected a number of at most 2147483, found a number (1000000000); seconds: ${TIMER}`,
    `suite.yaml:9:17 - settings.page_timeout: expected a number of at most 2147483, found a number (2147484); seconds: ${TIMER}`,
    `suite.yaml:10:20 - settings.element_timeout: expected a number of at most 2147483, found a number (99999999); seconds: ${TIMER}`,
    `suite.yaml:12:20 - settings.cloud.sync_interval: expected a number of at most 2147483, found a number (5000000); seconds: ${TIMER}`,
  ]);
});

test('millisecond keys (request_timeout_ms, retry_backoff_ms) past 2^31-1 are located errors', () => {
  const text = yaml(...WEB_APP, 'settings:', '  cloud:', '    request_timeout_ms: 2147483648', '    retry_backoff_ms: 9000000000');
  expect(errorsOf(text)).toEqual([
    `suite.yaml:7:25 - settings.cloud.request_timeout_ms: expected a number of at most 2147483647, found a number (2147483648); milliseconds: ${TIMER}`,
    `suite.yaml:8:23 - settings.cloud.retry_backoff_ms: expected a number of at most 2147483647, found a number (9000000000); milliseconds: ${TIMER}`,
  ]);
});

test('retention days past the range of a date (a cutoff before year -271821) are located errors', () => {
  const text = yaml(
    ...WEB_APP,
    'settings:',
    '  cloud:',
    '    retention_days: 100000001',
    '    retention_policy: { days: 1e15 }',
    '  enterprise:',
    '    backup_config: { retention_days: 200000000 }',
    '    compliance: { data_retention: 200000000, audit_retention: 200000000 }',
    '    password_policy: { max_age_days: 200000000 }',
    '    session_timeout: 1e12',
  );
  const DATE = 'days: a date that many days before now is outside the range of a JavaScript date (100000000 days from 1970)';
  expect(errorsOf(text)).toEqual([
    `suite.yaml:7:21 - settings.cloud.retention_days: expected a number of at most 100000000, found a number (100000001); ${DATE}`,
    `suite.yaml:8:31 - settings.cloud.retention_policy.days: expected a number of at most 100000000, found a number (1000000000000000); ${DATE}`,
    `suite.yaml:10:38 - settings.enterprise.backup_config.retention_days: expected a number of at most 100000000, found a number (200000000); ${DATE}`,
    `suite.yaml:11:35 - settings.enterprise.compliance.data_retention: expected a number of at most 100000000, found a number (200000000); ${DATE}`,
    `suite.yaml:11:63 - settings.enterprise.compliance.audit_retention: expected a number of at most 100000000, found a number (200000000); ${DATE}`,
    `suite.yaml:12:38 - settings.enterprise.password_policy.max_age_days: expected a number of at most 100000000, found a number (200000000); ${DATE}`,
    // Minutes, as in the original: a session's end is a date, not a timer.
    'suite.yaml:13:22 - settings.enterprise.session_timeout: expected a number of at most 144000000000, found a number (1000000000000); minutes: a session that long would end outside the range of a JavaScript date',
  ]);
});

test('infinite and not-a-number durations (.inf, .nan) are refused, not read as a timer of 1 ms', () => {
  const text = yaml(...WEB_APP, 'actions:', '  - { name: a, type: wait, wait_time: .inf }', '  - { name: b, type: wait, wait_time: .nan }');
  const errors = errorsOf(text);
  expect(errors).toHaveLength(2);
  expect(errors[0]).toMatch(/^suite\.yaml:6:39 - actions\[0\]\.wait_time: /);
  expect(errors[1]).toMatch(/^suite\.yaml:7:39 - actions\[1\]\.wait_time: /);
});

test('the longest durations the run can honour still validate', () => {
  const text = yaml(
    ...WEB_APP,
    '    timeout: 2147483',
    'actions:',
    '  - { name: pause, type: wait, wait_time: 2147483 }',
    '  - { name: clip, type: record, duration: 0.5 }',
    'settings:',
    '  page_timeout: 2147483',
    '  cloud: { request_timeout_ms: 2147483647, retry_backoff_ms: 2147483647, retention_days: 100000000 }',
  );
  expect(valid(text).suite.actions?.[0]?.wait_time).toBe(2147483);
});
