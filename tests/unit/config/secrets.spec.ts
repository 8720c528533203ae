import { test, expect } from '@playwright/test';
import { WEB_APP, errorsOf, valid, yaml } from './helpers.js';

const SECRET = 'hunter2-do-not-print';

test('a license key written in place of the license block is redacted', () => {
  const text = yaml(...WEB_APP, 'settings:', '  enterprise:', `    license: ${SECRET}`, '    max_users: -1');
  expect(errorsOf(text)).toEqual([
    'suite.yaml:7:14 - settings.enterprise.license: expected a map, found a string (<redacted>)',
    'suite.yaml:8:16 - settings.enterprise.max_users: expected a number of at least 0, found a number (-1)',
  ]);
});

test('no secret value appears in any message, whatever is wrong around it', () => {
  const text = yaml(
    ...WEB_APP,
    '    environment:',
    `      DB_PASSWORD: { nested: ${SECRET} }`,
    '    actions:',
    '      - name: create',
    '        type: user_create',
    `        parameters: { username: ann, password: ${SECRET}, output: ../escape.json }`,
    '      - name: open',
    '        type: navigate',
    `        url: ftp://admin:${SECRET}@example.com/?token=${SECRET}&page=2`,
    'settings:',
    '  cloud:',
    `    secret_key: [${SECRET}]`,
    `    access_key: { value: ${SECRET} }`,
    `    scret_key: ${SECRET}`,
    '    distributed_nodes:',
    `      - api_key: [${SECRET}]`,
    '  enterprise:',
    '    license:',
    `      key: { value: ${SECRET} }`,
    '    integration:',
    `      ldap: ${SECRET}`,
  );
  const errors = errorsOf(text);
  expect(errors).toHaveLength(9);
  for (const error of errors) expect(error).not.toContain(SECRET);
  expect(errors).toContain(
    'suite.yaml:13:14 - apps[0].actions[1].url: URL scheme "ftp:" is refused in "ftp://admin:redacted@example.com/?token=redacted&page=2"; expected an absolute http:// or https:// URL',
  );
  expect(errors).toContain('suite.yaml:18:5 - settings.cloud.scret_key: unknown key; did you mean "secret_key"?');
  expect(errors).toContain('suite.yaml:25:13 - settings.enterprise.integration.ldap: expected a map, found a string (<redacted>)');
});

test('an API key written in settings.enterprise is refused where it is, saying where it belongs, without quoting it', () => {
  const errors = errorsOf(yaml(...WEB_APP, 'settings:', '  enterprise:', '    server_url: https://panoptic.example.com', `    api_key: ${SECRET}`));
  expect(errors).toEqual([
    'suite.yaml:8:14 - settings.enterprise.api_key: an API key is a secret and never goes in a suite: put it in the environment variable that settings.enterprise.api_key_env names (default PANOPTIC_API_KEY)',
  ]);
});

test('secrets in a valid suite stay out of its warnings', () => {
  // buffer_size_kb warns (it has no effect): the one warning, which must not carry the secrets around it.
  const text = yaml(...WEB_APP, 'settings:', '  buffer_size_kb: 64', '  cloud:', `    secret_key: ${SECRET}`, '  enterprise:', '    license:', `      key: ${SECRET}`);
  const { warnings } = valid(text);
  expect(warnings).toHaveLength(1);
  for (const warning of warnings) expect(JSON.stringify(warning)).not.toContain(SECRET);
});
