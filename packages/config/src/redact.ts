/**
 * Keys whose values are credentials. The original schema's are `secret_key`, `access_key`, `api_key`,
 * `password` and the license `key`; free maps (environment, Appium capabilities, integration blocks)
 * add spellings such as `DB_PASSWORD`, `accessKey` or `client_secret`. Compared without case, `_`
 * and `-`, on the end of the key so that `password_policy` or `max_api_keys` stay visible.
 */
const SECRET_ENDINGS = [
  'password',
  'passwd',
  'secret',
  'secretkey',
  'accesskey',
  'apikey',
  'privatekey',
  // settings.cloud.encryption_key is refused by validation; should one be written anyway, it never shows.
  'encryptionkey',
  'token',
  'credential',
  'credentials',
];

function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[_-]/g, '');
  return SECRET_ENDINGS.some((ending) => normalized.endsWith(ending));
}

export const REDACTED = '<redacted>';

/**
 * Query parameters whose values are credentials: the secret keys above, and the short names signed
 * links and APIs use (`key`, `sig`, `signature`, S3's `X-Amz-*`, Google's `X-Goog-*`).
 */
export function isSecretQueryParam(name: string): boolean {
  const lower = name.toLowerCase();
  return isSecretKey(name) || ['key', 'sig', 'signature'].includes(lower) || lower.startsWith('x-amz-') || lower.startsWith('x-goog-');
}

/**
 * True when a value at this path, or anywhere below it, must never be shown. A `license` that is
 * not a map is most likely the license key written one level too high, and the enterprise
 * `integration` blocks (LDAP, SSO, OAuth2, webhooks, SIEM) are connection settings full of
 * credentials under names no list can anticipate.
 */
export function isSecretPath(path: readonly (string | number)[]): boolean {
  return path.some(
    (segment, index) =>
      typeof segment === 'string' &&
      (isSecretKey(segment) ||
        segment === 'integration' ||
        (segment === 'key' && path[index - 1] === 'license') ||
        (segment === 'license' && index === path.length - 1)),
  );
}

/** A URL as it may be shown: the password of its user info and secret query parameters are replaced. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.password) {
    url.password = 'redacted';
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (!isSecretQueryParam(name)) continue;
    url.searchParams.set(name, 'redacted');
    changed = true;
  }
  return changed ? url.href : text;
}
