import * as client from 'openid-client';
import type { OidcOptions } from '../options.js';
import { DomainError } from './errors.js';

// openid-client does the protocol: discovery, PKCE, and the code exchange with the ID token's checks
// (signature against the provider's JWKS, issuer, audience, expiry, nonce). This file only chooses
// how it is configured and remembers the discovered configuration.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const discovered = new WeakMap<OidcOptions, Promise<client.Configuration>>();

/**
 * The provider's configuration from its discovery document, fetched on first use and then kept; a
 * failed discovery is forgotten so the next sign-in tries again (the provider may come back).
 */
export function providerConfig(oidc: OidcOptions): Promise<client.Configuration> {
  let config = discovered.get(oidc);
  if (!config) {
    const issuer = new URL(oidc.issuer);
    // Plain http only for a provider on this machine (development and tests); anywhere else it must be https.
    const execute = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) ? [client.allowInsecureRequests] : [];
    const auth = oidc.client_secret ? client.ClientSecretBasic(oidc.client_secret) : client.None();
    config = client.discovery(issuer, oidc.client_id, undefined, auth, { execute }).catch((error: unknown) => {
      discovered.delete(oidc);
      throw new DomainError(503, `the OpenID Connect provider ${oidc.issuer} could not be discovered: ${(error as Error).message}`);
    });
    discovered.set(oidc, config);
  }
  return config;
}

export interface Attempt {
  state: string;
  nonce: string;
  code_verifier: string;
}

export function newAttempt(): Attempt {
  return { state: client.randomState(), nonce: client.randomNonce(), code_verifier: client.randomPKCECodeVerifier() };
}

/** Where the browser goes to sign in at the provider. */
export async function authorizationUrl(oidc: OidcOptions, attempt: Attempt): Promise<URL> {
  return client.buildAuthorizationUrl(await providerConfig(oidc), {
    redirect_uri: oidc.redirect_url,
    scope: oidc.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(attempt.code_verifier),
    code_challenge_method: 'S256',
    state: attempt.state,
    nonce: attempt.nonce,
  });
}

/** The identity the provider vouches for in a validated ID token. */
export interface Identity {
  issuer: string;
  subject: string;
  email?: string | undefined;
  preferred_username?: string | undefined;
  given_name?: string | undefined;
  family_name?: string | undefined;
}

/**
 * Exchanges the callback's code for tokens and returns the ID token's identity. Throws a refusal (401)
 * saying which check failed: state, nonce, signature, issuer, audience, the provider's own error.
 */
export async function exchangeCode(oidc: OidcOptions, callbackQuery: string, attempt: Attempt): Promise<Identity> {
  const config = await providerConfig(oidc);
  const currentUrl = new URL(oidc.redirect_url);
  currentUrl.search = callbackQuery;
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the provider returned no ID token');
    claims = { ...idToken };
    // Many providers keep e-mail and names out of the ID token and serve them from userinfo; its
    // subject must be the ID token's (openid-client checks).
    if (claims.email === undefined && claims.preferred_username === undefined && config.serverMetadata().userinfo_endpoint) {
      claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...claims };
    }
  } catch (error) {
    throw new DomainError(401, `OpenID Connect sign-in refused: ${describe(error)}`);
  }
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: text(claims.email),
    preferred_username: text(claims.preferred_username),
    given_name: text(claims.given_name),
    family_name: text(claims.family_name),
  };
}

function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return `the provider answered ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
  }
  // openid-client's message names the kind of check; its cause names the claim (e.g. the nonce).
  const { message, cause } = error as Error;
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}
