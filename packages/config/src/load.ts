import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { YAMLError } from 'yaml';
import { semanticFindings } from './checks.js';
import type { CheckContext } from './checks.js';
import { typedSuite } from './actions/typed.js';
import { applyGoYamlLeniency } from './compat.js';
import { duplicateKeyMessage } from './duplicate-keys.js';
import { compareIssues, SuiteValidationError } from './issues.js';
import type { Finding, IssuePath, SuiteIssue, SuiteWarning } from './issues.js';
import { SourceLocator } from './locate.js';
import type { Position } from './locate.js';
import { rawSettings } from './raw.js';
import { MAX_SUITE_BYTES, oversizeMessage, OversizeError, readFailureMessage, readSuiteText } from './read.js';
import { suiteSchema } from './schema.js';
import type { Suite } from './schema.js';
import { warningFindings } from './warnings.js';
import { findingsFromZod } from './zod-findings.js';

export interface LoadedSuite {
  /** Absolute path of the suite file. */
  file: string;
  /** Folder of the suite file. */
  dir: string;
  suite: Suite;
  warnings: SuiteWarning[];
  /** A problem at `path` in this file, placed at its file:line:col: for rules across several suites. */
  issueAt(path: IssuePath, message: string): SuiteIssue;
  /** Where the value at `path` (or its key, with `at: 'key'`) is written, as the errors place it. */
  positionOf(path: IssuePath, at?: 'key' | 'value'): Position;
}

export interface LoadOptions {
  /** The working directory: relative paths resolve against it. Defaults to `process.cwd()`. */
  cwd?: string;
  /** Device names an app `device` (web) and `settings.mobile_device` must be one of. Unchecked when absent. */
  knownDevices?: readonly string[];
  /** The output folder was given on the command line: the suite's `output` is then ignored, not checked. */
  outputFromCommandLine?: boolean;
  /** The store folder (`--bucket`, PANOPTIC_CLOUD_BUCKET) was given on the command line: the suite's `settings.cloud.bucket` is not checked. */
  bucketFromCommandLine?: boolean;
}

/** Rounds of leniency rewrites; one is enough in practice, the bound guards against ping-pong. */
const MAX_REWRITES = 3;

/** Some YAML errors start at a line's indentation; the text after it is what needs fixing. */
function skipIndent(text: string, offset: number): number {
  let at = offset;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at < text.length && text[at] !== '\n' && text[at] !== '\r' ? at : offset;
}

/** Issues name the file as the user would type it: relative to the working directory when inside it. */
function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Parses and validates a suite. Every problem is reported at once, each at its file:line:col; an
 * invalid suite throws a SuiteValidationError and returns nothing partial.
 */
export function parseSuite(text: string, file: string, options: LoadOptions = {}): LoadedSuite {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const absolute = path.resolve(cwd, file);
  const shownFile = displayName(absolute, cwd);
  // Callers with text in hand get the same bound as files read from disk.
  if (text.length > MAX_SUITE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_SUITE_BYTES) {
    throw new SuiteValidationError([{ file: shownFile, line: 0, column: 0, path: [], message: oversizeMessage(Buffer.byteLength(text, 'utf8')) }]);
  }
  const lineCounter = new LineCounter();
  // `merge` follows the original's YAML library, which expanded `<<: *anchor`. The library's own
  // console warnings are silenced: what it warns about is reported as located warnings instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, logLevel: 'error' });
  const locator = new SourceLocator(doc, lineCounter);
  const place = (findings: readonly Finding[]): SuiteIssue[] =>
    findings
      .map((finding) => {
        const position = locator.position(finding.path, finding.at);
        return { file: shownFile, ...position, path: finding.path, message: finding.message };
      })
      .sort(compareIssues);
  const placeYaml = (errors: readonly YAMLError[]): SuiteIssue[] =>
    errors
      .map((error) => {
        const position = locator.positionOfOffset(skipIndent(text, error.pos[0]));
        return { file: shownFile, ...position, path: [], message: duplicateKeyMessage(error, doc, lineCounter) ?? `YAML: ${error.message}` };
      })
      .sort(compareIssues);

  if (doc.errors.length > 0) throw new SuiteValidationError(placeYaml(doc.errors));
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Raised for alias bombs (too many alias expansions); there is no better place than the start.
    const message = error instanceof Error ? error.message : String(error);
    throw new SuiteValidationError([{ file: shownFile, line: 1, column: 1, path: [], message: `YAML: ${message}` }]);
  }

  const emptied = new Set<string>();
  let result = suiteSchema.safeParse(data);
  for (let round = 0; !result.success && round < MAX_REWRITES; round++) {
    if (!applyGoYamlLeniency(result.error.issues, data, locator, emptied)) break;
    result = suiteSchema.safeParse(data);
  }

  const context: CheckContext = {
    suite: data,
    file: absolute,
    cwd,
    knownDevices: options.knownDevices,
    outputFromCommandLine: options.outputFromCommandLine ?? false,
    bucketFromCommandLine: options.bucketFromCommandLine ?? false,
    allowFileUrls: rawSettings(data)?.allow_file_urls === true,
  };
  const errors = [
    ...(result.success ? [] : findingsFromZod(result.error.issues, data, suiteSchema, emptied)),
    ...semanticFindings(context),
  ];
  if (!result.success || errors.length > 0) throw new SuiteValidationError(place(errors));

  const suite = typedSuite(result.data);
  // The guide's `settings.output` is the folder when the top-level `output` is not set.
  if (suite.output === undefined && suite.settings?.output !== undefined) suite.output = suite.settings.output;
  // Unchecked, so it must not reach anyone who would write there.
  if (context.outputFromCommandLine) {
    delete suite.output;
    if (suite.settings) delete suite.settings.output;
  }
  const warnings = [...placeYaml(doc.warnings), ...place(warningFindings(context))].sort(compareIssues);
  const issueAt = (at: IssuePath, message: string): SuiteIssue => place([{ path: at, message }])[0]!;
  const positionOf = (at: IssuePath, side: 'key' | 'value' = 'value'): Position => locator.position(at, side);
  return { file: absolute, dir: path.dirname(absolute), suite, warnings, issueAt, positionOf };
}

/** Reads and validates a suite file; a file that cannot be read is reported the same way. */
export function loadSuite(file: string, options: LoadOptions = {}): LoadedSuite {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = readSuiteText(absolute);
  } catch (error) {
    const message = error instanceof OversizeError ? error.message : readFailureMessage(error, absolute);
    throw new SuiteValidationError([{ file: displayName(absolute, cwd), line: 0, column: 0, path: [], message }]);
  }
  return parseSuite(text, absolute, options);
}
