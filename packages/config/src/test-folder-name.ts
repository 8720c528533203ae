import { byteLength } from './name-rules.js';

// Mirrors how Playwright names a test's output folder (worker `TestInfoImpl.outputDir`): the spec
// file's name and the test's title path, made file-name-safe and cut to 60 characters, then
// "-" and the project's name (the app's, not cut), then "-retry<n>" and "-repeat<n>".
const PLAYWRIGHT_TRIM = 60;
const SPEC_STEM = 'suite';
/** Room for "-retry<n>" and "-repeat<n>". */
const SUFFIX_BYTES = 24;

function sanitize(text: string): string {
  return text.replace(/[\x00-\x2C\x2E-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F]+/g, '-');
}

/** Playwright keeps the last "." of a title: the part after it reads as an extension. */
function sanitizeKeepingExtension(text: string): string {
  const dot = text.lastIndexOf('.');
  return dot === -1 ? sanitize(text) : `${sanitize(text.slice(0, dot))}.${sanitize(text.slice(dot + 1))}`;
}

/** Bytes of Playwright's cut of `text`: its start and end around a 7-character hash. */
function trimmedBytes(text: string): number {
  if (text.length <= PLAYWRIGHT_TRIM) return byteLength(text);
  const middle = 7;
  const start = Math.floor((PLAYWRIGHT_TRIM - middle) / 2);
  const end = PLAYWRIGHT_TRIM - middle - start;
  return byteLength(text.substring(0, start)) + middle + byteLength(text.slice(-end));
}

/** The most bytes the output folder of an app's test can have, retry and repeat numbers included. */
export function testFolderNameBytes(describeTitle: string, appName: string): number {
  const title = trimmedBytes(`${SPEC_STEM}-${sanitizeKeepingExtension(`${describeTitle} ${appName}`)}`);
  return title + 1 + byteLength(sanitizeKeepingExtension(appName)) + SUFFIX_BYTES;
}

/** The bytes of the folder name that are not the app's own name, at most. */
export function testFolderOverhead(describeTitle: string, appName: string): number {
  return testFolderNameBytes(describeTitle, appName) - byteLength(sanitizeKeepingExtension(appName));
}
