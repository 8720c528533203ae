import type { Finding } from './issues.js';
import { formatPath } from './issues.js';
import { invisibleCharacter, MAX_NAME_BYTES } from './name-rules.js';
import { isMap, rawApps } from './raw.js';
import { testFolderNameBytes, testFolderOverhead } from './test-folder-name.js';
import { suiteTitles } from './suite-titles.js';
import { quote } from './values.js';

const CONTROL = /\p{Cc}/u;

/** App names become parts of artifact file names, so they must be valid and distinct as such. */
function unusableReason(name: string): string | undefined {
  if (name.includes('/')) return 'it contains "/"';
  if (name.includes('\\')) return 'it contains "\\"';
  if (CONTROL.test(name)) return 'it contains a control character';
  // Playwright keeps non-ASCII characters in the test's folder name, and storage keys refuse these.
  const invisible = invisibleCharacter(name);
  if (invisible) return `it contains an invisible formatting character (${invisible})`;
  if (name === '.' || name === '..') return 'it names a folder, not a file';
  return undefined;
}

/** The app's test writes into a folder named after the suite and the app: it must fit a folder name. */
function tooLongReason(name: string, describeTitle: string): string | undefined {
  const bytes = testFolderNameBytes(describeTitle, name);
  if (bytes <= MAX_NAME_BYTES) return undefined;
  const room = Math.max(1, MAX_NAME_BYTES - testFolderOverhead(describeTitle, name));
  return (
    `app name ${quote(name)} is too long: the test's output folder is named after the suite and the app (${bytes} bytes ` +
    `with room for retry and repeat numbers), and a folder name may have at most ${MAX_NAME_BYTES} bytes; shorten the app name to at most ${room} bytes`
  );
}

/** `file` is the suite file: its name heads the test's title path, and so its folder name. */
export function appNameFindings(suite: unknown, file: string): Finding[] {
  const findings: Finding[] = [];
  const firstUse = new Map<string, (string | number)[]>();
  // Playwright joins the title path with spaces before it names the folder.
  const describeTitle = suiteTitles(isMap(suite) && typeof suite.name === 'string' ? suite.name : undefined, file).join(' ');
  for (const { app, path: appPath } of rawApps(suite)) {
    if (typeof app.name !== 'string' || app.name === '') continue;
    const namePath = [...appPath, 'name'];
    const reason = unusableReason(app.name);
    if (reason) {
      findings.push({ path: namePath, message: `app name ${quote(app.name)} cannot be used in file names: ${reason}` });
    } else {
      const long = tooLongReason(app.name, describeTitle);
      if (long) findings.push({ path: namePath, message: long });
    }
    const first = firstUse.get(app.name);
    if (first) {
      findings.push({
        path: namePath,
        message: `duplicate app name ${quote(app.name)} (first used by ${formatPath(first)}); app names must be unique`,
      });
    } else {
      firstUse.set(app.name, appPath);
    }
  }
  return findings;
}
