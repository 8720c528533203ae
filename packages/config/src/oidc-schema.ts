import { z } from 'zod';

const SECRET_IN_SUITE = (method: string): string =>
  `a client secret never goes in a suite: put it in an environment variable and name that variable in settings.enterprise.integration.${method}.client_secret_env`;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL' });

/**
 * settings.enterprise.integration.sso / oauth2: the OpenID Connect client the server signs users in
 * with when auth_method names it. The original accepted any map here; these are the keys the server
 * acts on.
 */
export function oidcClientSchema(method: 'sso' | 'oauth2') {
  return z
    .strictObject({
      issuer: httpUrl.describe("The provider's issuer URL; its /.well-known/openid-configuration is read (https; http only on this machine)."),
      client_id: z.string().min(1).describe('The client id registered at the provider.'),
      client_secret_env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
        .describe('The environment variable holding the client secret; without it the server is a public client (PKCE only).')
        .optional(),
      /** Accepted by the shape only to be refused with a message that says where the secret goes. */
      client_secret: z.unknown().describe(`Never set: ${SECRET_IN_SUITE(method)}.`).optional(),
      redirect_url: httpUrl.describe("This server's /api/v1/auth/oidc/callback as registered at the provider."),
      scopes: z
        .array(z.string().min(1))
        .refine((scopes) => scopes.includes('openid'), 'the scopes must include "openid"')
        .describe('Scopes asked for (default openid, email, profile).')
        .optional(),
    })
    .superRefine((client, ctx) => {
      // Located at the key like any issue; the value is never quoted (it is a secret).
      if (client.client_secret !== undefined) ctx.addIssue({ code: 'custom', path: ['client_secret'], message: SECRET_IN_SUITE(method) });
    });
}

export type OidcClientSettings = z.infer<ReturnType<typeof oidcClientSchema>>;
