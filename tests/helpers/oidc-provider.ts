import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './storage-servers.js';

// A real OpenID Connect provider (oidc-provider, the certified Node implementation) in the test
// process, on a free loopback port. Its development login page accepts any name with any password,
// and the name is the subject; consent is granted up front, as for a first-party client. E-mail and
// names are served from userinfo only (the provider's default), as many providers do.

export interface OidcProviderHandle {
  issuer: string;
  clientId: string;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: { redirectUri: string; clientSecret: string }): Promise<OidcProviderHandle> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'panoptic';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: options.clientSecret, redirect_uris: [options.redirectUri], token_endpoint_auth_method: 'client_secret_basic' }],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.test`, preferred_username: id, given_name: id[0]!.toUpperCase() + id.slice(1), family_name: 'Tester' }),
    }),
    claims: { openid: ['sub'], email: ['email'], profile: ['preferred_username', 'given_name', 'family_name'] },
    features: { devInteractions: { enabled: true } },
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const server: Server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    issuer,
    clientId,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
