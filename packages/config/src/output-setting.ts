import type { CheckContext } from './checks.js';
import type { Finding, IssuePath } from './issues.js';
import { isMap, rawSettings } from './raw.js';

/**
 * The suite's output folder as written, and where: the top-level `output`, else `settings.output`
 * (the form the original's performance guide uses). Read from the suite as parsed, so the safety
 * checks judge the folder that will be used and place their findings at it.
 */
export function rawOutput(suite: unknown): { value: string; path: IssuePath } | undefined {
  if (isMap(suite) && typeof suite.output === 'string') return { value: suite.output, path: ['output'] };
  const fromSettings = rawSettings(suite)?.output;
  return typeof fromSettings === 'string' ? { value: fromSettings, path: ['settings', 'output'] } : undefined;
}

/** `settings.output` that will not be used: the top-level `output` or the command line's folder wins. */
export function outputSettingWarnings(context: CheckContext): Finding[] {
  const { suite } = context;
  if (rawSettings(suite)?.output === undefined) return [];
  let message: string | undefined;
  if (context.outputFromCommandLine) message = 'ignored: the output folder given on the command line is used instead';
  else if (isMap(suite) && suite.output !== undefined) message = 'ignored: the top-level output is used instead (set the folder in one place)';
  return message ? [{ path: ['settings', 'output'], message, at: 'key' }] : [];
}
