// The one table of who may do what. Every route names the permission it needs (http/auth.ts) and is
// checked against this table; nothing else grants access.

export const ROLES = ['admin', 'manager', 'developer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users:read',
  'users:manage',
  'audit:read',
  'projects:read',
  'projects:manage',
  'teams:read',
  'teams:manage',
  'runs:read',
  'runs:write',
  'api_keys:manage',
  'compliance:read',
  'license:read',
  'data:cleanup',
  'webhooks:read',
  'quarantine:manage',
  'gates:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['projects:read', 'teams:read', 'runs:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // Only an admin manages users and roles, and deletes data (cleanup).
  admin: PERMISSIONS,
  manager: [...READ, 'users:read', 'audit:read', 'projects:manage', 'teams:manage', 'runs:write', 'api_keys:manage', 'compliance:read', 'license:read', 'quarantine:manage', 'gates:manage'],
  developer: [...READ, 'runs:write', 'api_keys:manage'],
  viewer: READ,
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
