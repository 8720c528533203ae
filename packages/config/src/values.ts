import { isSecretPath, REDACTED } from './redact.js';

const MAX_SHOWN = 60;

/** A string as it appears in a message: quoted, and cut short so one value cannot flood the output. */
export function quote(text: string): string {
  const short = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  // JSON escapes controls but not invisible formatting characters: a bidi override printed as is
  // would make the rest of the message read backwards.
  return JSON.stringify(short).replace(/[\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => {
    const code = char.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** What a value is, for "found ..." in messages; the value itself is hidden under secret keys. */
export function describeFound(value: unknown, path: readonly (string | number)[]): string {
  const shown = (text: string) => (isSecretPath(path) ? REDACTED : text);
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  switch (typeof value) {
    case 'string':
      return value ? `a string (${shown(quote(value))})` : 'an empty string';
    case 'number':
      return `a number (${shown(String(value))})`;
    case 'boolean':
      return shown(String(value));
    case 'object':
      return 'a map';
    default:
      return typeof value;
  }
}

/** A value itself, for messages that name it (`unknown action type "clik"`). */
export function showValue(value: unknown, path: readonly (string | number)[]): string {
  if (isSecretPath(path)) return REDACTED;
  return typeof value === 'string' ? quote(value) : describeFound(value, path);
}
