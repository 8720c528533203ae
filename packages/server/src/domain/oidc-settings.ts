import type { OidcOptions, OidcOptionsInput } from '../options.js';

/** settings.enterprise.integration.sso / oauth2 as a suite writes it (validated by @panoptic/config). */
export interface OidcSettingsInput {
  issuer?: string | undefined;
  client_id?: string | undefined;
  client_secret_env?: string | undefined;
  redirect_url?: string | undefined;
  scopes?: string[] | undefined;
}

type Method = 'sso' | 'oauth2';

/**
 * The OpenID Connect client options of the suite's auth_method, its secret read from the variable
 * client_secret_env names: a secret never sits in a suite. Undefined for local and ldap.
 */
export function oidcFromSettings(
  enterprise: { auth_method?: string | undefined; integration?: Partial<Record<Method, OidcSettingsInput | undefined>> | undefined },
  env: NodeJS.ProcessEnv,
): OidcOptionsInput | undefined {
  const method = enterprise.auth_method;
  if (method !== 'sso' && method !== 'oauth2') return undefined;
  const settings = enterprise.integration?.[method];
  if (!settings) return undefined;
  const secretVariable = settings.client_secret_env;
  const secret = secretVariable ? env[secretVariable] : undefined;
  // Missing required keys are left for the options schema to report.
  return Object.fromEntries(
    Object.entries({
      issuer: settings.issuer,
      client_id: settings.client_id,
      client_secret_env: secretVariable,
      client_secret: secret === '' ? undefined : secret,
      redirect_url: settings.redirect_url,
      scopes: settings.scopes,
    }).filter(([, value]) => value !== undefined),
  ) as OidcOptionsInput;
}

/** Why this server cannot start with these sign-in options, or undefined when it can. */
export function authMethodProblem(options: { auth_method: string; oidc?: OidcOptions | undefined }): string | undefined {
  if (options.auth_method === 'ldap') {
    return (
      'settings.enterprise.auth_method ldap is not supported by the Panoptic server (it has no LDAP client, and none is tested). ' +
      'Use auth_method sso or oauth2 with integration.sso / integration.oauth2 (OpenID Connect: most directories offer it, or put Keycloak or Dex in front of LDAP), or local'
    );
  }
  const secretVariable = options.oidc?.client_secret_env;
  if (secretVariable && !options.oidc?.client_secret) {
    return `settings.enterprise.integration.${options.auth_method}.client_secret_env names the variable ${secretVariable}, which is not set: export the OpenID Connect client secret in it`;
  }
  return undefined;
}
