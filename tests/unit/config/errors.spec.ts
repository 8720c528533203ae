import { test, expect } from '@playwright/test';
import { ACTION_TYPES, parseSuite, SuiteValidationError } from '@panoptic/config';
import { CWD, WEB_APP, errorsOf, issuesOf, yaml } from './helpers.js';

const ALL_TYPES = ACTION_TYPES.join(', ');

test('an unknown action type is located at its value and suggests the near miss', () => {
  const text = yaml(...WEB_APP, '    actions:', '      - name: press', '        type: clik', '        selector: "#go"');
  expect(errorsOf(text)).toEqual([
    `suite.yaml:7:15 - apps[0].actions[0].type: unknown action type "clik"; did you mean "click"? Expected one of: ${ALL_TYPES}`,
  ]);
});

test('an unknown action type far from every known one lists them without a guess', () => {
  const text = yaml(...WEB_APP, 'actions:', '  - name: x', '    type: teleport');
  expect(errorsOf(text)).toEqual([`suite.yaml:7:11 - actions[0].type: unknown action type "teleport"; expected one of: ${ALL_TYPES}`]);
});

test('an unknown key is located at the key itself and suggests the near miss', () => {
  const text = yaml(...WEB_APP, 'settings:', '  headless: true', '  scrennshot_format: png');
  expect(errorsOf(text)).toEqual([
    'suite.yaml:7:3 - settings.scrennshot_format: unknown key; did you mean "screenshot_format"?',
  ]);
});

test('near misses are looked for among the keys of the same level, ignoring case and separators', () => {
  const text = yaml(...WEB_APP, '    waitTime: 3');
  expect(errorsOf(text)).toEqual(['suite.yaml:5:5 - apps[0].waitTime: unknown key; expected one of: name, type, url, path, platform, emulator, device, timeout, environment, actions, appium']);
  const action = yaml(...WEB_APP, '    actions:', '      - name: w', '        type: wait', '        waitTime: 3');
  expect(errorsOf(action)).toEqual(['suite.yaml:8:9 - apps[0].actions[0].waitTime: unknown key; did you mean "wait_time"?']);
});

test('an unknown key with no near miss lists the keys allowed at that level', () => {
  const text = yaml('colour: red', ...WEB_APP);
  expect(errorsOf(text)).toEqual(['suite.yaml:1:1 - colour: unknown key; expected one of: name, output, apps, actions, settings']);
});

test('a missing required key is located at the map that lacks it', () => {
  const text = yaml(...WEB_APP, '  - type: web', '    url: https://example.com/2', 'actions:', '  - type: wait');
  expect(errorsOf(text)).toEqual([
    'suite.yaml:5:5 - apps[1].name: missing required key "name"; expected a string',
    'suite.yaml:8:5 - actions[0].name: missing required key "name"; expected a string',
  ]);
});

test('a missing enum key names the allowed values', () => {
  const text = yaml('apps:', '  - name: web', '    url: https://example.com');
  expect(errorsOf(text)).toEqual(['suite.yaml:2:5 - apps[0].type: missing required key "type"; expected one of: web, desktop, mobile']);
});

test('a suite without apps, or with an empty list of them, is rejected', () => {
  expect(errorsOf(yaml('name: nothing'))).toEqual(['suite.yaml:1:1 - apps: missing required key "apps"; expected a list']);
  expect(errorsOf(yaml('name: nothing', 'apps: []'))).toEqual(['suite.yaml:2:7 - apps: expected at least 1 item, found an empty list']);
  expect(errorsOf(yaml('name: nothing', 'apps:'))).toEqual(['suite.yaml:2:1 - apps: empty value; expected a list']);
});

test('a document that is not a map says what a suite is', () => {
  expect(errorsOf('')).toEqual(['suite.yaml:1:1 - a suite must be a map with an "apps" list; found an empty document']);
  expect(errorsOf(yaml('# only a comment', '- name: web'))).toEqual(['suite.yaml:2:1 - a suite must be a map with an "apps" list; found a list']);
});

test('a wrong type says what was found and what is expected', () => {
  const text = yaml(
    ...WEB_APP,
    '    timeout: soon',
    '    emulator: 3',
    'settings:',
    '  quality: 1.5',
    '  window_width: 0',
    '  headless: maybe',
    '  log_level: verbose',
  );
  expect(errorsOf(text)).toEqual([
    'suite.yaml:5:14 - apps[0].timeout: expected a number, found a string ("soon")',
    'suite.yaml:6:15 - apps[0].emulator: expected true or false, found a number (3)',
    'suite.yaml:8:12 - settings.quality: expected a whole number, found a number (1.5)',
    'suite.yaml:9:17 - settings.window_width: expected a number greater than 0, found a number (0)',
    'suite.yaml:10:13 - settings.headless: expected true or false, found a string ("maybe")',
    'suite.yaml:11:14 - settings.log_level: unknown value "verbose"; expected one of: debug, info, warn, error',
  ]);
});

test('a required value left empty is reported as empty, at its key', () => {
  const text = yaml('apps:', '  - name:', '    type: web', '    url: https://example.com');
  expect(errorsOf(text)).toEqual(['suite.yaml:2:5 - apps[0].name: empty value; expected a string']);
});

test('each app type requires its own key', () => {
  const text = yaml(
    'apps:',
    '  - name: site',
    '    type: web',
    '  - name: editor',
    '    type: desktop',
    '  - name: phone',
    '    type: mobile',
    '    device: emulator-5554',
  );
  expect(errorsOf(text)).toEqual([
    'suite.yaml:2:5 - apps[0].url: a web app needs "url": the page to open',
    'suite.yaml:4:5 - apps[1].path: a desktop app needs "path": the program to start',
    'suite.yaml:6:5 - apps[2].platform: a mobile app needs "platform": android or ios',
  ]);
});

test('navigate, fill and click require what they act on', () => {
  const text = yaml(
    ...WEB_APP,
    '    actions:',
    '      - name: go',
    '        type: navigate',
    '      - name: type',
    '        type: fill',
    '      - name: type empty',
    '        type: fill',
    '        selector: "#q"',
    '        value: ""',
    '      - name: press',
    '        type: click',
    '        screenshot: true',
  );
  expect(errorsOf(text)).toEqual([
    'suite.yaml:6:9 - apps[0].actions[0].url: navigate needs "url" (or "value", its older spelling): the page to open',
    'suite.yaml:8:9 - apps[0].actions[1].selector: fill needs "selector": the field to fill',
    'suite.yaml:8:9 - apps[0].actions[1].value: fill needs "value": the text to type',
    'suite.yaml:14:9 - apps[0].actions[3].selector: click needs "selector" or "target": the element to click',
  ]);
});

test('app names must be unique and usable in file names', () => {
  const text = yaml(
    ...WEB_APP,
    '  - name: web',
    '    type: web',
    '    url: https://example.com',
    '  - name: a/b',
    '    type: web',
    '    url: https://example.com',
    '  - name: a\\b',
    '    type: web',
    '    url: https://example.com',
    '  - name: "tab\\there"',
    '    type: web',
    '    url: https://example.com',
    '  - name: ..',
    '    type: web',
    '    url: https://example.com',
  );
  expect(errorsOf(text)).toEqual([
    'suite.yaml:5:11 - apps[1].name: duplicate app name "web" (first used by apps[0]); app names must be unique',
    'suite.yaml:8:11 - apps[2].name: app name "a/b" cannot be used in file names: it contains "/"',
    'suite.yaml:11:11 - apps[3].name: app name "a\\\\b" cannot be used in file names: it contains "\\"',
    'suite.yaml:14:11 - apps[4].name: app name "tab\\there" cannot be used in file names: it contains a control character',
    'suite.yaml:17:11 - apps[5].name: app name ".." cannot be used in file names: it names a folder, not a file',
  ]);
});

test('schema and semantic errors are reported together, sorted by position', () => {
  const text = yaml(
    'apps:',
    '  - name: site',
    '    type: web',
    '    colour: blue',
    '    actions:',
    '      - name: go',
    '        type: navigate',
    '        url: ftp://example.com',
    '      - name: wait',
    '        type: wiat',
    'settings:',
    '  quality: 101',
  );
  const issues = issuesOf(text);
  expect(issues.map((issue) => [issue.line, issue.column, issue.path])).toEqual([
    [2, 5, ['apps', 0, 'url']],
    [4, 5, ['apps', 0, 'colour']],
    [8, 14, ['apps', 0, 'actions', 0, 'url']],
    [10, 15, ['apps', 0, 'actions', 1, 'type']],
    [12, 12, ['settings', 'quality']],
  ]);
  let thrown: unknown;
  try {
    parseSuite(text, 'suite.yaml', { cwd: CWD });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SuiteValidationError);
  const lines = (thrown as SuiteValidationError).message.split('\n');
  expect(lines).toHaveLength(5);
  expect(lines[0]).toBe('suite.yaml:2:5 - apps[0].url: a web app needs "url": the page to open');
  expect(lines[4]).toBe('suite.yaml:12:12 - settings.quality: expected a number of at most 100, found a number (101)');
});

test('YAML syntax errors are located like every other error', () => {
  const text = yaml(...WEB_APP, '   timeout: 5');
  expect(errorsOf(text)).toEqual(['suite.yaml:5:4 - YAML: Sequence item without - indicator']);
  const duplicate = yaml(...WEB_APP, '    url: https://example.org');
  // A duplicate key names the key and the line of its first use.
  expect(errorsOf(duplicate)).toEqual(['suite.yaml:5:5 - YAML: duplicate key "url" (first at line 4); a key may appear once in a map']);
});

test('several YAML syntax errors are reported together, and nothing else', () => {
  const text = yaml('apps:', '  - name: web', ' type: web', '  colour: [');
  expect(issuesOf(text).map((issue) => [issue.line, issue.column, issue.message])).toEqual([
    [3, 2, 'YAML: All mapping items must start at the same column'],
    [3, 8, 'YAML: Nested mappings are not allowed in compact mappings'],
    [3, 8, 'YAML: Implicit keys need to be on a single line'],
    [5, 1, 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ]);
});

test('a path through an unusual key is quoted', () => {
  const text = yaml(...WEB_APP, '    environment:', '      "my var": [1]');
  expect(errorsOf(text)).toEqual(['suite.yaml:6:17 - apps[0].environment["my var"]: expected a string, found a list']);
});
