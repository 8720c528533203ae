import type { CheckContext } from './checks.js';
import type { Finding, IssuePath } from './issues.js';
import { rawApps, rawSettings } from './raw.js';
import { nearest } from './suggest.js';
import { quote } from './values.js';

const SUGGESTIONS = 3;

function deviceFinding(value: unknown, path: IssuePath, known: readonly string[]): Finding[] {
  if (typeof value !== 'string' || value === '' || known.includes(value)) return [];
  const close = nearest(value, known, SUGGESTIONS).map(quote);
  const hint = close.length ? `nearest known devices: ${close.join(', ')}` : 'no device names are known';
  return [{ path, message: `unknown device ${quote(value)}; ${hint}` }];
}

/**
 * Device names select an emulated device (viewport, user agent, touch) for web apps; a typo would
 * silently fall back to a desktop browser, so unknown names are errors when the caller knows the list.
 * A mobile app's `device` names a real device or emulator instead and is not checked here.
 */
export function deviceFindings(context: CheckContext): Finding[] {
  const known = context.knownDevices;
  if (!known) return [];
  const findings: Finding[] = [];
  for (const { app, path } of rawApps(context.suite)) {
    if (app.type === 'web') findings.push(...deviceFinding(app.device, [...path, 'device'], known));
  }
  const settings = rawSettings(context.suite);
  if (settings) findings.push(...deviceFinding(settings.mobile_device, ['settings', 'mobile_device'], known));
  return findings;
}
