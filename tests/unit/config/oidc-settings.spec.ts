import { test, expect } from '@playwright/test';
import { WEB_APP, errorsOf, valid, yaml } from './helpers.js';

// settings.enterprise.integration.sso / oauth2: the OpenID Connect client, typed, with located errors.

const SECRET = 'oidc-secret-do-not-print';
const ENTERPRISE = [...WEB_APP, 'settings:', '  enterprise:'];

test('a complete sso block validates, and ldap is accepted by validation (the server refuses it at start)', () => {
  const sso = ['    auth_method: sso', '    session_idle_timeout: 15', '    integration:', '      sso:', '        issuer: https://id.example.com/realms/qa', '        client_id: panoptic', '        client_secret_env: OIDC_SECRET', '        redirect_url: https://panoptic.example.com/api/v1/auth/oidc/callback', '        scopes: [openid, email]'];
  expect(valid(yaml(...ENTERPRISE, ...sso)).suite.settings?.enterprise).toMatchObject({ auth_method: 'sso', session_idle_timeout: 15, integration: { sso: { client_id: 'panoptic', scopes: ['openid', 'email'] } } });
  expect(valid(yaml(...ENTERPRISE, '    auth_method: ldap', '    integration:', '      ldap: { url: ldap://dir.example.com }')).suite.settings?.enterprise?.auth_method).toBe('ldap');
});

test('a client secret written in the suite is refused where it is, saying where it belongs, without quoting it', () => {
  const errors = errorsOf(yaml(...ENTERPRISE, '    integration:', '      oauth2:', '        issuer: https://id.example.com', '        client_id: panoptic', '        redirect_url: https://p.example.com/cb', `        client_secret: ${SECRET}`));
  expect(errors).toEqual([
    'suite.yaml:12:24 - settings.enterprise.integration.oauth2.client_secret: a client secret never goes in a suite: put it in an environment variable and name that variable in settings.enterprise.integration.oauth2.client_secret_env',
  ]);
  expect(errors.join('\n')).not.toContain(SECRET);
});

test('missing keys, a bad issuer, scopes without openid, a bad variable name and an unknown key are located', () => {
  const errors = errorsOf(
    yaml(...ENTERPRISE, '    integration:', '      sso:', '        issuer: ftp://id.example.com', '        scopes: [email]', '        client_secret_env: 1-bad', '        clent_id: panoptic'),
  );
  expect(errors).toEqual([
    'suite.yaml:9:9 - settings.enterprise.integration.sso.client_id: missing required key "client_id"; expected a string',
    'suite.yaml:9:9 - settings.enterprise.integration.sso.redirect_url: missing required key "redirect_url"; expected a string',
    'suite.yaml:9:17 - settings.enterprise.integration.sso.issuer: expected an absolute http:// or https:// URL',
    'suite.yaml:10:17 - settings.enterprise.integration.sso.scopes: the scopes must include "openid"',
    'suite.yaml:11:28 - settings.enterprise.integration.sso.client_secret_env: expected an environment variable name',
    'suite.yaml:12:9 - settings.enterprise.integration.sso.clent_id: unknown key; did you mean "client_id"?',
  ]);
});

test('auth_method sso or oauth2 without its integration block is located at auth_method', () => {
  expect(errorsOf(yaml(...ENTERPRISE, '    auth_method: oauth2'))).toEqual([
    'suite.yaml:7:18 - settings.enterprise.auth_method: auth_method oauth2 signs in with OpenID Connect: set integration.oauth2 (issuer, client_id, redirect_url)',
  ]);
});
