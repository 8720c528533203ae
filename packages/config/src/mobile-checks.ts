import type { Finding, IssuePath } from './issues.js';
import { isMap, rawActions, rawApps } from './raw.js';
import { redactUrl } from './redact.js';
import { quote } from './values.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** Schemes that run code or expose the device rather than open a page or an app screen. */
const REFUSED_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'blob', 'chrome', 'about']);

/** Whether `path` lies inside a `type: mobile` app (its own `url` or actions). */
export function isInMobileApp(suite: unknown, path: IssuePath): boolean {
  if (path[0] !== 'apps' || typeof path[1] !== 'number' || !isMap(suite) || !Array.isArray(suite.apps)) return false;
  const app: unknown = suite.apps[path[1]];
  return isMap(app) && app.type === 'mobile';
}

/**
 * A mobile app opens web pages in the device's browser or deep links into itself (`myapp://cart`),
 * so any scheme that names a target is fine; code-running schemes and local files are not.
 */
export function unsafeMobileUrlReason(text: string, allowFileUrls: boolean): string | undefined {
  const shown = quote(redactUrl(text));
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  const expected = 'expected an http(s) URL or a deep link such as "myapp://home"';
  if (!scheme || /^\d/.test(text.slice(scheme.length + 1))) return `relative URL ${shown}; ${expected}`;
  if (scheme === 'file') return allowFileUrls ? undefined : `file: URL ${shown} is refused unless settings.allow_file_urls is true`;
  if (REFUSED_SCHEMES.has(scheme)) return `URL scheme "${scheme}:" is refused in ${shown}; ${expected}`;
  return undefined;
}

function serverUrlReason(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `invalid URL ${quote(redactUrl(value))}; expected the Appium server's address, e.g. "http://127.0.0.1:4723"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `URL scheme "${url.protocol}" is refused in ${quote(redactUrl(value))}; expected an http:// or https:// Appium server`;
  }
  if (url.username || url.password) {
    return 'credentials do not belong in the suite: remove them from the URL and set PANOPTIC_APPIUM_USER and PANOPTIC_APPIUM_KEY';
  }
  return undefined;
}

/** The mobile-only rules: deep links, the `appium` block and where it may appear. */
export function mobileFindings(suite: unknown, allowFileUrls: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const { app, path } of rawApps(suite)) {
    const appium = app.appium;
    if (appium !== undefined && app.type !== 'mobile') {
      findings.push({ path: [...path, 'appium'], message: 'only mobile apps run through Appium; remove this block or make the app "type: mobile"', at: 'key' });
      continue;
    }
    if (app.type !== 'mobile') continue;
    if (typeof app.url === 'string' && app.url !== '') {
      const reason = unsafeMobileUrlReason(app.url, allowFileUrls);
      if (reason) findings.push({ path: [...path, 'url'], message: reason });
    }
    if (isMap(appium)) {
      const reason = serverUrlReason(appium.server_url);
      if (reason) findings.push({ path: [...path, 'appium', 'server_url'], message: reason });
    }
  }
  for (const { action, path } of rawActions(suite)) {
    if (action.type !== 'navigate' || !isInMobileApp(suite, path)) continue;
    const key = typeof action.url === 'string' && action.url !== '' ? 'url' : 'value';
    const value = action[key];
    const reason = typeof value === 'string' && value !== '' ? unsafeMobileUrlReason(value, allowFileUrls) : undefined;
    if (reason) findings.push({ path: [...path, key], message: reason });
  }
  return findings;
}
