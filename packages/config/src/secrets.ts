import { isSecretPath, isSecretQueryParam, REDACTED } from './redact.js';

/**
 * Values shorter than this are not searched for in text: replacing every "ab" of a trace would
 * destroy it. They still never reach step titles, which do not record fill values at all.
 */
const MIN_SECRET_LENGTH = 4;

/** The secrets a URL carries: its password (and `user:password`, as a Basic header holds it) and secret query values. */
export function secretsOfUrl(text: string): string[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const found: string[] = [];
  if (url.password) {
    const password = decodeURIComponent(url.password);
    found.push(password, `${decodeURIComponent(url.username)}:${password}`);
  }
  for (const [name, value] of url.searchParams) if (value && isSecretQueryParam(name)) found.push(value);
  return found;
}

/** Whether navigating to this URL would show a secret in a URL (its query) that a step records. */
export function hasSecretQuery(text: string): boolean {
  try {
    return [...new URL(text).searchParams].some(([name, value]) => value !== '' && isSecretQueryParam(name));
  } catch {
    return false;
  }
}

function isFillAction(value: unknown): value is { type: 'fill'; value?: unknown } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'fill';
}

/**
 * Every secret a suite holds: fill values, values under secret keys (`password`, `secret_key`,
 * `token`, … in settings, environments and capabilities), and the passwords and secret query
 * parameters of every URL in it. Longest first, so a secret that contains another is replaced whole.
 */
export function secretsOfSuite(suite: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      if (isSecretPath(path)) found.add(value);
      for (const secret of secretsOfUrl(value)) found.add(secret);
      return;
    }
    if (typeof value === 'number' && isSecretPath(path)) found.add(String(value));
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (typeof value === 'object' && value !== null) {
      if (isFillAction(value) && typeof value.value === 'string') found.add(value.value);
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    }
  };
  visit(suite, []);
  return [...found].filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * The forms a secret takes where runs write it: as is, JSON-escaped, URL-encoded (also with `+`
 * for spaces, as forms post it), HTML-escaped, and base64 (a Basic Authorization header).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    Buffer.from(secret).toString('base64'),
  ]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** `text` with every form of every secret replaced by `<redacted>`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) for (const form of secretForms(secret)) result = result.split(form).join(REDACTED);
  return result;
}

/**
 * `text` (a suite's source) with every secret replaced, keeping its lines: a secret that spans lines
 * leaves as many line breaks, so a line number of the source still points at the same place.
 */
export function redactSource(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret)) result = result.split(form).join(REDACTED + '\n'.repeat(form.split('\n').length - 1));
  }
  return result;
}
