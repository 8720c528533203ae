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
export { openEnterprise, type Enterprise, type EnterpriseStatus } from './enterprise.js';
export { complianceCheck, type ComplianceReport, type Finding } from './domain/compliance.js';
export { STANDARDS, type StandardRules } from './domain/standards.js';
export { licenseInfo, resolveLicense, signLicense, type LicenseTerms, type ResolvedLicense, type Verification } from './domain/licence.js';
export { cleanupData, type CleanupOptions, type CleanupReport } from './domain/cleanup.js';
export { exportAudit, exportAuditAt, type AuditExport, type AuditExportFormat, type AuditFilter } from './domain/audit-export.js';
export type { Context } from './domain/context.js';
export type { Actor } from './domain/audit.js';
export { onRunPublished, type RunPublished, type RunPublishedListener } from './domain/runs-events.js';
export type { Run, Result } from './domain/runs-read.js';
export { SIGNATURE_HEADER, signatureHeader, verifySignature } from './domain/webhook-sign.js';
