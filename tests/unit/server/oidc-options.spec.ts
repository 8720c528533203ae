import { test, expect } from '@playwright/test';
import { resolveServerOptions } from '@panoptic/server';
import { authMethodProblem } from '../../../packages/server/dist/domain/oidc-settings.js';
import { touchInterval } from '../../../packages/server/dist/domain/sessions.js';

const SSO = { issuer: 'https://id.example.com', client_id: 'panoptic', client_secret_env: 'OIDC_SECRET', redirect_url: 'https://p.example.com/api/v1/auth/oidc/callback' };

test('the client secret comes from the variable client_secret_env names; scopes default to openid, email, profile', () => {
  const options = resolveServerOptions({ enterprise: { auth_method: 'sso', integration: { sso: SSO } }, env: { OIDC_SECRET: 's3cret' } });
  expect(options.oidc).toEqual({ ...SSO, client_secret: 's3cret', scopes: ['openid', 'email', 'profile'] });
  expect(authMethodProblem(options)).toBeUndefined();
  // Another method's block is not this one's.
  expect(resolveServerOptions({ enterprise: { auth_method: 'local', integration: { sso: SSO } }, env: {} }).oidc).toBeUndefined();
});

test('start refuses an unset secret variable and ldap, each saying what to do', () => {
  const unset = resolveServerOptions({ enterprise: { auth_method: 'oauth2', integration: { oauth2: SSO } }, env: {} });
  expect(authMethodProblem(unset)).toBe('settings.enterprise.integration.oauth2.client_secret_env names the variable OIDC_SECRET, which is not set: export the OpenID Connect client secret in it');
  const ldap = resolveServerOptions({ enterprise: { auth_method: 'ldap' }, env: {} });
  expect(authMethodProblem(ldap)).toContain('auth_method ldap is not supported by the Panoptic server');
  expect(authMethodProblem(resolveServerOptions({ env: {} }))).toBeUndefined();
});

test('sso without its block, or with a bad one, is an invalid option naming the key', () => {
  expect(() => resolveServerOptions({ enterprise: { auth_method: 'sso' }, env: {} })).toThrow('auth_method sso signs in with OpenID Connect: set settings.enterprise.integration.sso (issuer, client_id, redirect_url)');
  expect(() => resolveServerOptions({ enterprise: { auth_method: 'sso', integration: { sso: { ...SSO, scopes: ['email'] } } }, env: { OIDC_SECRET: 'x' } })).toThrow('oidc.scopes: must include "openid"');
});

test('idle sessions: 60 minutes by default; the last use is written at most once a minute, twice per timeout when it is shorter', () => {
  expect(resolveServerOptions({ env: {} }).session_idle_timeout).toBe(60);
  expect(touchInterval(60)).toBe(60);
  expect(touchInterval(1)).toBe(30);
  expect(touchInterval(0)).toBe(60);
});
