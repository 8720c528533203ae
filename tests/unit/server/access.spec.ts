import path from 'node:path';
import { test, expect } from '@playwright/test';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, resolveServerOptions } from '@panoptic/server';
import { failureDelay } from '../../../packages/server/dist/domain/login.js';

test('only an admin manages users; a viewer only reads', () => {
  const holders = (permission: string): string[] => ROLES.filter((role) => (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission));
  expect(holders('users:manage')).toEqual(['admin']);
  expect(holders('users:read')).toEqual(['admin', 'manager']);
  expect(holders('audit:read')).toEqual(['admin', 'manager']);
  expect(holders('gates:manage')).toEqual(['admin', 'manager']);
  expect(ROLE_PERMISSIONS.admin).toEqual(PERMISSIONS);
  expect(ROLE_PERMISSIONS.viewer.every((permission) => permission.endsWith(':read'))).toBe(true);
  for (const role of ROLES) for (const permission of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(permission);
});

test('failed logins wait longer each time, up to the cap', () => {
  const lockout = resolveServerOptions().lockout;
  expect(lockout).toMatchObject({ max_failures: 5, window_minutes: 15, lock_minutes: 15 });
  expect([0, 1, 2, 3, 4, 5, 10, 100].map((failures) => failureDelay(failures, lockout))).toEqual([0, 50, 100, 200, 400, 800, 3000, 3000]);
});

test('options: defaults < settings.enterprise < flags < DATABASE_URL, each checked', () => {
  const cwd = path.resolve('/srv/panoptic');
  expect(resolveServerOptions({ cwd, env: {} })).toMatchObject({ data_dir: path.join(cwd, '.panoptic', 'server'), port: 8080, session_timeout: 480, default_role: 'viewer' });
  const options = resolveServerOptions({
    cwd,
    env: { DATABASE_URL: 'postgres://db/panoptic' },
    enterprise: { organization_name: 'Acme', session_timeout: 30, storage_path: 'suite-data', password_policy: { min_length: 16 } },
    overrides: { port: 9000, session_timeout: undefined },
  });
  expect(options).toMatchObject({ organization_name: 'Acme', session_timeout: 30, port: 9000, data_dir: path.join(cwd, 'suite-data'), database_url: 'postgres://db/panoptic' });
  expect(options.password_policy).toMatchObject({ min_length: 16, require_uppercase: true });
  expect(() => resolveServerOptions({ env: {}, enterprise: { default_role: 'owner', session_timeout: 0 } })).toThrow(/default_role: .*\n\s+session_timeout: /);
});
