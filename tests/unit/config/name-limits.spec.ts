import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { runPrefix, sanitizeKeySegment } from '@panoptic/cloud';
import { loadSuite, storeFolderOf, SuiteValidationError } from '@panoptic/config';
import { WEB_APP, errorsOf, valid, yaml } from './helpers.js';

// Names a suite gives become folder names, file names and storage keys. Validation accepts only
// names the file system and the store can take, and never lets two suites share a store folder.

function shot(filename: string): string {
  return yaml(...WEB_APP, 'actions:', '  - name: shot', '    type: screenshot', '    parameters:', `      filename: ${JSON.stringify(filename)}`);
}

test('an artifact file name whose folder part is over 255 bytes is refused at validation', () => {
  const folder = 'f'.repeat(256);
  expect(errorsOf(shot(`${folder}/a.png`))).toEqual([
    `suite.yaml:9:17 - actions[0].parameters.filename: file name "${'f'.repeat(60)}…" has a part of 256 bytes ("${'f'.repeat(60)}…"); a folder name may have at most 255 bytes`,
  ]);
});

test('an artifact file name over 240 bytes is refused at validation: the run adds an extension and may add a number', () => {
  const name = `${'é'.repeat(121)}.png`;
  expect(errorsOf(shot(name))).toEqual([
    `suite.yaml:9:17 - actions[0].parameters.filename: file name "${name.slice(0, 60)}…" has a file name of 242 bytes before its extension; at most 240 are allowed (the run adds an extension and may add a number, within the 255 bytes a file name may have)`,
  ]);
  expect(valid(shot(`${'é'.repeat(120)}.png`)).suite.actions).toHaveLength(1);
});

test('artifact file names with a right-to-left override (U+202E) or other invisible formatting characters are refused', () => {
  expect(errorsOf(shot('report\u202Egnp.exe'))).toEqual([
    // The message shows the character escaped: printed as is, it would reverse the rest of the line.
    'suite.yaml:9:17 - actions[0].parameters.filename: file name "report\\u202egnp.exe" contains an invisible formatting character (U+202E); storage keys cannot hold it',
  ]);
  expect(errorsOf(shot('zero\u200Bwidth.png'))[0]).toContain('(U+200B)');
  expect(errorsOf(shot('line\u2028break.png'))[0]).toContain('(U+2028)');
});

test('artifact file names the store would refuse as keys (empty parts, dot-only parts, full-width dots, percent-escapes) are refused', () => {
  expect(errorsOf(shot('a//b.png'))[0]).toContain('has an empty part');
  expect(errorsOf(shot('shots/'))[0]).toContain('has an empty part');
  expect(errorsOf(shot('.../x.png'))[0]).toContain('has a part made only of dots and spaces ("...")');
  expect(errorsOf(shot('\uFF0E\uFF0E/x.png'))[0]).toContain('has a part made only of dots and spaces');
  expect(errorsOf(shot('100%2e.png'))[0]).toContain('percent-escape "%2e"');
  expect(errorsOf(shot('a/c:x.png'))[0]).toContain('looks like a drive letter');
  expect(valid(shot('shots/home page.png')).suite.actions).toHaveLength(1);
});

test('an app name with a right-to-left override (U+202E) is refused: it would name the test folder and its keys', () => {
  const text = yaml('apps:', '  - name: "evil\u202Eexe"', '    type: web', '    url: https://example.com');
  expect(errorsOf(text)).toEqual([
    'suite.yaml:2:11 - apps[0].name: app name "evil\\u202eexe" cannot be used in file names: it contains an invisible formatting character (U+202E)',
  ]);
});

test('a suite name with a right-to-left override (U+202E) is refused: it heads the test folder names the store keys', () => {
  const text = yaml('name: "Login\u202Ewolf"', ...WEB_APP);
  expect(errorsOf(text)).toEqual([
    `suite.yaml:1:7 - name: suite name "Login\\u202ewolf" contains an invisible formatting character (U+202E); it names the tests' output folders, and storage keys cannot hold it`,
  ]);
});

test("an app name too long for the test's output folder name (255 bytes) is refused at validation", () => {
  const text = yaml('apps:', `  - name: ${'a'.repeat(200)}`, '    type: web', '    url: https://example.com');
  const [error] = errorsOf(text);
  expect(error).toMatch(/^suite\.yaml:2:11 - apps\[0\]\.name: app name "a{60}…" is too long: the test's output folder is named after the suite and the app \(\d+ bytes with room for retry and repeat numbers\), and a folder name may have at most 255 bytes; shorten the app name to at most \d+ bytes/);
  expect(valid(yaml('apps:', `  - name: ${'a'.repeat(150)}`, '    type: web', '    url: https://example.com')).suite.apps).toHaveLength(1);
});

test('an output folder with a part over 255 bytes is refused at validation', () => {
  const text = yaml(`output: out/${'o'.repeat(256)}`, ...WEB_APP);
  expect(errorsOf(text)).toEqual([
    `suite.yaml:1:9 - output: output folder "out/${'o'.repeat(56)}…" has a part of 256 bytes ("${'o'.repeat(60)}…"); a folder name may have at most 255 bytes`,
  ]);
});

test('suite names "Login flow", "Login-flow" and "Login/flow" get three different store folders', () => {
  const names = ['Login flow', 'Login-flow', 'Login/flow', 'Login_flow', 'login-flow', 'Login--flow', '.Login-flow'];
  const folders = names.map((name) => storeFolderOf(name, 'suite.yaml'));
  expect(new Set(folders).size).toBe(names.length);
  // A name that is already a clean key stays as it is, so existing stores keep their folders.
  expect(storeFolderOf('Login-flow', 'suite.yaml')).toBe('Login-flow');
  expect(storeFolderOf('Login flow', 'suite.yaml')).toMatch(/^Login-flow-[0-9a-f]{10}$/);
  // The store's own sanitising leaves every folder as it is: the run prefix keeps them apart too.
  const prefixes = folders.map((project) => runPrefix({ prefix: 'panoptic', project, runId: 'r1' }));
  expect(new Set(prefixes).size).toBe(names.length);
  for (const folder of folders) expect(sanitizeKeySegment(folder)).toBe(folder);
});

test('a clean suite name shaped like a mapped one cannot take over the mapped name', () => {
  const mapped = storeFolderOf('Login flow', 'suite.yaml');
  expect(storeFolderOf(mapped, 'suite.yaml')).not.toBe(mapped);
});

test('suite names with no characters usable in a key (日本語, U+202E alone) map to distinct usable store folders', () => {
  const folders = ['日本語', 'テスト', '\u202E', '…'].map((name) => storeFolderOf(name, 'suite.yaml'));
  expect(new Set(folders).size).toBe(4);
  for (const folder of folders) {
    expect(folder).toMatch(/^suite-[0-9a-f]{10}$/);
    expect(sanitizeKeySegment(folder)).toBe(folder);
  }
});

test('a very long suite name maps to a store folder short enough for a key', () => {
  const folder = storeFolderOf('x'.repeat(5000), 'suite.yaml');
  expect(Buffer.byteLength(folder)).toBeLessThanOrEqual(120);
  expect(storeFolderOf('x'.repeat(5001), 'suite.yaml')).not.toBe(folder);
});

test('a suite file over 5 MB is refused with a clear error, quickly, without being parsed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-big-'));
  const file = path.join(dir, 'huge.yaml');
  const action = '  - { name: pause, type: wait, wait_time: 1 }\n';
  fs.writeFileSync(file, `${WEB_APP.join('\n')}\nactions:\n${action.repeat(Math.ceil((6 * 1024 * 1024) / action.length))}`);
  const started = Date.now();
  let error: unknown;
  try {
    loadSuite(file, { cwd: dir });
  } catch (caught) {
    error = caught;
  }
  expect(Date.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(SuiteValidationError);
  expect((error as SuiteValidationError).message).toMatch(/^huge\.yaml - suite file is 6\.0 MB; at most 5 MB is read/);
  fs.rmSync(dir, { recursive: true, force: true });
});
