import type { CheckContext } from './checks.js';
import { unusableArtifactNameReason } from './artifact-names.js';
import type { Finding } from './issues.js';
import { rawOutput } from './output-setting.js';
import { byteLength, invisibleCharacter, MAX_NAME_BYTES, oversizedPart } from './name-rules.js';
import { unsafeArtifactPathReason } from './paths.js';
import { isMap, rawActions } from './raw.js';
import { quote } from './values.js';

const ARTIFACT_PARAMETERS = ['filename', 'output'] as const;

/**
 * Names the file system or the store could not take: artifact file names and the output folder.
 * Names that would leave the output folder are the safety checks' to report, once.
 */
export function nameFindings(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const { action, path } of rawActions(context.suite)) {
    const parameters = action.parameters;
    if (!isMap(parameters)) continue;
    for (const key of ARTIFACT_PARAMETERS) {
      const value = parameters[key];
      if (typeof value !== 'string' || unsafeArtifactPathReason(value)) continue;
      const reason = unusableArtifactNameReason(value);
      if (reason) findings.push({ path: [...path, 'parameters', key], message: reason });
    }
  }
  // The suite's name heads its tests' titles, which Playwright keeps in their folder names.
  const name = isMap(context.suite) ? context.suite.name : undefined;
  const invisible = typeof name === 'string' ? invisibleCharacter(name) : undefined;
  if (typeof name === 'string' && invisible) {
    findings.push({
      path: ['name'],
      message: `suite name ${quote(name)} contains an invisible formatting character (${invisible}); it names the tests' output folders, and storage keys cannot hold it`,
    });
  }
  const written = context.outputFromCommandLine ? undefined : rawOutput(context.suite);
  const output = written?.value;
  if (written && output !== undefined) {
    const part = oversizedPart(output.replaceAll('\\', '/'));
    if (part !== undefined) {
      findings.push({
        path: written.path,
        message: `output folder ${quote(output)} has a part of ${byteLength(part)} bytes (${quote(part)}); a folder name may have at most ${MAX_NAME_BYTES} bytes`,
      });
    }
  }
  return findings;
}
