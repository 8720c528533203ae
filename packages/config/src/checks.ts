import { actionFindings } from './actions/findings.js';
import type { Finding } from './issues.js';
import { appNameFindings } from './app-names.js';
import { deviceFindings } from './devices.js';
import { capacityFindings } from './distributed.js';
import { mobileFindings } from './mobile-checks.js';
import { nameFindings } from './name-checks.js';
import { requirementFindings } from './requirements.js';
import { safetyFindings } from './safety.js';

/** What the semantic checks need besides the suite: they run on the raw, unvalidated data. */
export interface CheckContext {
  suite: unknown;
  /** Absolute path of the suite file. */
  file: string;
  /** Absolute; a suite's `output` must stay inside it. */
  cwd: string;
  knownDevices: readonly string[] | undefined;
  outputFromCommandLine: boolean;
  /** The local store folder was given on the command line or in the environment: the suite's is not used, so not checked. */
  bucketFromCommandLine?: boolean;
  allowFileUrls: boolean;
}

/** Every rule the schema alone cannot express; each finding is an error. */
export function semanticFindings(context: CheckContext): Finding[] {
  return [
    ...requirementFindings(context.suite),
    ...appNameFindings(context.suite, context.file),
    ...safetyFindings(context),
    ...nameFindings(context),
    ...deviceFindings(context),
    ...mobileFindings(context.suite, context.allowFileUrls),
    ...actionFindings(context.suite),
    ...capacityFindings(context.suite),
  ];
}
