import { redactUrl } from './redact.js';
import { quote } from './values.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const EXPECTED = 'expected an absolute http:// or https:// URL';

/** `localhost:3000/x` parses as scheme "localhost"; a port after the colon means the scheme is missing. */
function schemeOf(text: string): string | undefined {
  const match = SCHEME.exec(text);
  if (!match || /^\d/.test(text.slice(match[0].length))) return undefined;
  return match[1]?.toLowerCase();
}

function absoluteExample(text: string): string {
  if (text.startsWith('//')) return `https:${text}`;
  if (text.startsWith('/')) return `https://example.com${text}`;
  return `https://${text}`;
}

/**
 * Why a URL the suite navigates to is refused, or undefined when it is fine. Only web schemes are
 * opened: `javascript:`, `data:` or `chrome:` URLs would run or expose things no suite should, and
 * `file:` reads the local disk, so it needs the suite to opt in.
 */
export function unsafeUrlReason(text: string, allowFileUrls: boolean): string | undefined {
  if (!text.trim()) return `empty URL; ${EXPECTED}`;
  const shown = quote(redactUrl(text));
  const scheme = schemeOf(text);
  if (scheme === undefined) {
    return `relative URL ${shown}; ${EXPECTED} such as ${quote(redactUrl(absoluteExample(text)))}`;
  }
  if (scheme === 'file') {
    return allowFileUrls ? undefined : `file: URL ${shown} is refused unless settings.allow_file_urls is true`;
  }
  if (scheme !== 'http' && scheme !== 'https') return `URL scheme "${scheme}:" is refused in ${shown}; ${EXPECTED}`;
  try {
    new URL(text);
    return undefined;
  } catch {
    return `invalid URL ${shown}; ${EXPECTED}`;
  }
}
