import type { Finding } from './issues.js';
import { formatPath } from './issues.js';
import { rawApps } from './raw.js';
import { quote } from './values.js';

const CONTROL = /\p{Cc}/u;

/** App names become parts of artifact file names, so they must be valid and distinct as such. */
function unusableReason(name: string): string | undefined {
  if (name.includes('/')) return 'it contains "/"';
  if (name.includes('\\')) return 'it contains "\\"';
  if (CONTROL.test(name)) return 'it contains a control character';
  if (name === '.' || name === '..') return 'it names a folder, not a file';
  return undefined;
}

export function appNameFindings(suite: unknown): Finding[] {
  const findings: Finding[] = [];
  const firstUse = new Map<string, (string | number)[]>();
  for (const { app, path } of rawApps(suite)) {
    if (typeof app.name !== 'string' || app.name === '') continue;
    const namePath = [...path, 'name'];
    const reason = unusableReason(app.name);
    if (reason) {
      findings.push({ path: namePath, message: `app name ${quote(app.name)} cannot be used in file names: ${reason}` });
    }
    const first = firstUse.get(app.name);
    if (first) {
      findings.push({
        path: namePath,
        message: `duplicate app name ${quote(app.name)} (first used by ${formatPath(first)}); app names must be unique`,
      });
    } else {
      firstUse.set(app.name, path);
    }
  }
  return findings;
}
