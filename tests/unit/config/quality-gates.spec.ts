import { test, expect } from '@playwright/test';
import { errorsOf, valid, WEB_APP, yaml } from './helpers.js';

const SECRET = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX';

test('settings.quality_gates validates, and its errors are located at the key', () => {
  const ok = valid(yaml(...WEB_APP, 'settings:', '  quality_gates:', '    min_pass_rate: 95', '    max_duration: 10m', '    notify: { webhook_url_env: SLACK_URL }'));
  expect(ok.suite.settings?.quality_gates).toEqual({ min_pass_rate: 95, max_duration: '10m', notify: { webhook_url_env: 'SLACK_URL' } });
  expect(errorsOf(yaml(...WEB_APP, 'settings:', '  quality_gates:', '    max_duration: ten minutes', '    min_pass_rat: 95'))).toEqual([
    'suite.yaml:7:19 - settings.quality_gates.max_duration: expected seconds (a number) or a duration with a unit, such as "90s", "15m", "1.5h" or "1d"',
    'suite.yaml:8:5 - settings.quality_gates.min_pass_rat: unknown key; did you mean "min_pass_rate"?',
  ]);
});

test('a webhook URL written in the suite is refused where it is, saying where it belongs, without quoting it', () => {
  const errors = errorsOf(yaml(...WEB_APP, 'settings:', '  quality_gates:', '    notify:', '      webhook_url_env: SLACK_URL', `      webhook_url: ${SECRET}`));
  expect(errors).toEqual([
    'suite.yaml:9:20 - settings.quality_gates.notify.webhook_url: a webhook URL is a secret and never goes in a suite: put it in an environment variable and name that variable in quality_gates.notify.webhook_url_env',
  ]);
});
