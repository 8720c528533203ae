import type { CheckContext } from './checks.js';
import type { Finding, IssuePath } from './issues.js';
import { isInMobileApp } from './mobile-checks.js';
import { unsafeArtifactPathReason, unsafeOutputReason } from './paths.js';
import { isMap, rawActions, rawApps } from './raw.js';
import { rawOutput } from './output-setting.js';
import { storePathFindings } from './store-paths.js';
import { unsafeUrlReason } from './urls.js';

/** Empty values are left to the requirement checks, which say what is missing. */
function urlFinding(value: unknown, path: IssuePath, allowFileUrls: boolean): Finding[] {
  if (typeof value !== 'string' || value === '') return [];
  const reason = unsafeUrlReason(value, allowFileUrls);
  return reason ? [{ path, message: reason }] : [];
}

const ARTIFACT_PARAMETERS = ['filename', 'output'] as const;

function artifactFindings(parameters: unknown, path: IssuePath): Finding[] {
  if (!isMap(parameters)) return [];
  return ARTIFACT_PARAMETERS.flatMap((key): Finding[] => {
    if (!(key in parameters)) return [];
    const value = parameters[key];
    const keyPath = [...path, key];
    // Its type is checked by the action type's definition.
    if (typeof value !== 'string') return [];
    const reason = unsafeArtifactPathReason(value);
    return reason ? [{ path: keyPath, message: reason }] : [];
  });
}

/** Input that would make a run open non-web URLs or write outside the folders it owns. */
export function safetyFindings(context: CheckContext): Finding[] {
  const { suite, allowFileUrls } = context;
  const findings: Finding[] = [];
  // Mobile apps also open deep links: their URLs are checked by the mobile rules.
  for (const { app, path } of rawApps(suite)) {
    if (app.type !== 'mobile') findings.push(...urlFinding(app.url, [...path, 'url'], allowFileUrls));
  }
  for (const { action, path } of rawActions(suite)) {
    if (action.type === 'navigate' && !isInMobileApp(suite, path)) {
      // A non-empty `url` wins over `value`, so only the one that will be opened is checked.
      const key = typeof action.url === 'string' && action.url !== '' ? 'url' : 'value';
      findings.push(...urlFinding(action[key], [...path, key], allowFileUrls));
    }
    findings.push(...artifactFindings(action.parameters, [...path, 'parameters']));
  }
  const output = context.outputFromCommandLine ? undefined : rawOutput(suite);
  if (output) {
    const reason = unsafeOutputReason(output.value, context.cwd);
    if (reason) findings.push({ path: output.path, message: reason });
  }
  findings.push(...storePathFindings(suite, context.cwd, context.bucketFromCommandLine ?? false));
  return findings;
}
