import type { Migration } from './index.js';

// OpenID Connect sign-in and idle sessions. A provisioned user is found by issuer and subject (an
// e-mail can change hands; the pair cannot). A login in progress keeps its nonce and PKCE verifier
// in the database, keyed by the state's digest, so the callback may reach any server process.
export const oidcIdleSessions: Migration = {
  version: 5,
  name: 'oidc_idle_sessions',
  statements: [
    'ALTER TABLE users ADD COLUMN oidc_issuer text',
    'ALTER TABLE users ADD COLUMN oidc_subject text',
    'CREATE UNIQUE INDEX users_oidc_identity ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL',
    'ALTER TABLE sessions ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now()',
    `CREATE TABLE oidc_logins (
      state_sha256 text PRIMARY KEY,
      nonce text NOT NULL,
      code_verifier text NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
  ],
};
