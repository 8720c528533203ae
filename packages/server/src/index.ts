export { startServer, type RunningServer, type StartExtras } from './start.js';
export * from './backup/index.js';
export { initServer, type InitOptions } from './init.js';
export type { InitResult } from './domain/organization.js';
export { DomainError } from './domain/errors.js';
export { ROLES, PERMISSIONS, ROLE_PERMISSIONS, type Role, type Permission } from './domain/permissions.js';
export {
  resolveServerOptions,
  serverOptionsSchema,
  type ServerOptions,
  type ServerOptionsInput,
  type EnterpriseSettingsInput,
  type PasswordPolicy,
  type LockoutOptions,
  type ResolveInput,
} from './options.js';
