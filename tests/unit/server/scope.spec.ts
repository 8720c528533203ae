import { test, expect } from '@playwright/test';
import { resolveServerOptions } from '@panoptic/server';
import type { SqlValue } from '../../../packages/server/dist/db/database.js';
import { allowed, requireAllowed, requireInScope, scopeFilter } from '../../../packages/server/dist/domain/scope.js';

const dev = { id: 7, name: 'dave', role: 'developer' as const };

test('an API key narrows its owner: both the role and the key must allow a permission', () => {
  expect(allowed(dev, 'runs:write')).toBe(true);
  expect(allowed(dev, 'projects:manage')).toBe(false);
  const keyed = { ...dev, key: { id: 1, permissions: ['projects:read' as const, 'users:manage' as const], scopes: [] } };
  expect(allowed(keyed, 'projects:read')).toBe(true);
  expect(allowed(keyed, 'runs:write')).toBe(false);
  // A key listing a permission its owner's role lacks still cannot use it.
  expect(allowed(keyed, 'users:manage')).toBe(false);
  expect(() => requireAllowed(keyed, 'runs:write')).toThrow('this API key lacks the permission runs:write');
  expect(() => requireAllowed(keyed, 'users:manage')).toThrow('the developer role lacks the permission users:manage');
});

test('out of scope is the same 404 as a missing id; no scope means all', () => {
  expect(() => requireInScope([1, 2], 3, 'project')).toThrow('no project with id 3');
  expect(() => requireInScope([1, 2], 2, 'team')).not.toThrow();
  expect(() => requireInScope(undefined, 99, 'team')).not.toThrow();
  const params: SqlValue[] = ['x'];
  expect(scopeFilter([4, 5], 'id', params)).toBe('id = ANY($2::int[])');
  expect(params).toEqual(['x', [4, 5]]);
  expect(scopeFilter(undefined, 'id', [])).toBe('true');
});

test('the limits and the default rate limit come from settings.enterprise, 0 meaning none', () => {
  expect(resolveServerOptions()).toMatchObject({ max_users: 0, max_projects: 0, max_api_keys: 0, api_rate_limit: 0 });
  expect(resolveServerOptions({ enterprise: { max_users: 50, max_projects: 10, max_api_keys: 20, api_rate_limit: 600 } })).toMatchObject({ max_users: 50, max_projects: 10, max_api_keys: 20, api_rate_limit: 600 });
});
