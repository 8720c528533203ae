import { openDatabase } from './db/open.js';
import { checkAdminPassword, initOrganization, type InitResult } from './domain/organization.js';
import type { ServerOptions } from './options.js';

export interface InitOptions {
  /** Organisation name; default: the options' organization_name. */
  organization_name?: string | undefined;
  admin_username?: string | undefined;
  /** The first admin's password (PANOPTIC_ADMIN_PASSWORD); generated when absent. */
  admin_password?: string | undefined;
}

/** Creates the database (migrated), the organisation and the first admin; refuses on an initialised server. */
export async function initServer(options: ServerOptions, init: InitOptions = {}): Promise<InitResult> {
  // Refused before the database is opened (and, the first time, created).
  if (init.admin_password !== undefined) checkAdminPassword(init.admin_password, options.password_policy);
  const { db } = await openDatabase(options);
  try {
    return await initOrganization(
      { db, options },
      {
        organization_name: init.organization_name ?? options.organization_name,
        domain: options.domain,
        admin_username: init.admin_username ?? 'admin',
        admin_password: init.admin_password,
      },
    );
  } finally {
    await db.close();
  }
}
