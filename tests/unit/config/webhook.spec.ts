import { test, expect } from '@playwright/test';
import { WEB_APP, errorsOf, valid, yaml } from './helpers.js';

const SECRET = 'whsec-do-not-print';
const webhook = (...lines: string[]): string => yaml(...WEB_APP, 'settings:', '  enterprise:', '    integration:', '      webhook:', ...lines.map((line) => `        ${line}`));

test('a webhook with url or urls, event patterns, secret_env and timings validates', () => {
  const suite = valid(webhook('urls: [https://hooks.example/a, http://127.0.0.1:9000/b]', 'events: ["user.*", auth.login_failed, run.finished]', 'secret_env: HOOK_SECRET', 'timeout: 5', 'retries: 3', 'retry_delay: 0.5')).suite;
  expect(suite.settings?.enterprise?.integration?.webhook).toMatchObject({ events: ['user.*', 'auth.login_failed', 'run.finished'], retries: 3 });
  expect(valid(webhook('enabled: false')).warnings).toEqual([]);
});

test('a secret written in the suite is refused where it is, saying where it belongs, without quoting it', () => {
  const errors = errorsOf(webhook('url: https://hooks.example/a', `secret: ${SECRET}`));
  expect(errors).toEqual([
    'suite.yaml:10:17 - settings.enterprise.integration.webhook.secret: a webhook signing secret never goes in a suite: put it in an environment variable and name that variable in settings.enterprise.integration.webhook.secret_env',
  ]);
});

test('each mistake is located: no receiver, both url and urls, no secret_env, a bad pattern, a non-http URL, an unknown key', () => {
  expect(errorsOf(webhook('secret_env: HOOK'))).toEqual(['suite.yaml:9:9 - settings.enterprise.integration.webhook: a webhook needs url (or urls): where to send the events']);
  expect(errorsOf(webhook('url: https://a.example', 'urls: [https://b.example]', 'secret_env: HOOK'))).toEqual(['suite.yaml:10:15 - settings.enterprise.integration.webhook.urls: set url or urls, not both']);
  expect(errorsOf(webhook('url: https://a.example'))).toEqual([
    'suite.yaml:9:9 - settings.enterprise.integration.webhook: a webhook needs secret_env: the environment variable holding its signing secret (every delivery is signed)',
  ]);
  const errors = errorsOf(webhook('url: ftp://a.example', 'events: ["user created"]', 'secret_env: 1HOOK', 'retries: -1', 'secert_env: HOOK'));
  expect(errors).toEqual([
    'suite.yaml:9:14 - settings.enterprise.integration.webhook.url: expected an absolute http:// or https:// URL',
    'suite.yaml:10:18 - settings.enterprise.integration.webhook.events[0]: expected an event name or pattern such as "user.created", "user.*", "run.finished" or "*"',
    'suite.yaml:11:21 - settings.enterprise.integration.webhook.secret_env: expected an environment variable name',
    'suite.yaml:12:18 - settings.enterprise.integration.webhook.retries: expected a number of at least 0, found a number (<redacted>)',
    'suite.yaml:13:9 - settings.enterprise.integration.webhook.secert_env: unknown key; did you mean "secret_env"?',
  ]);
});
