import path from 'node:path';
import { test, expect } from '@playwright/test';
import { CWD, WEB_APP, errorsOf, valid, yaml } from './helpers.js';

const EXPECTED_URL = 'expected an absolute http:// or https:// URL';

function appWithUrl(url: string): string {
  return yaml('apps:', '  - name: web', '    type: web', `    url: ${url}`);
}

test('app urls must be absolute http or https URLs', () => {
  expect(errorsOf(appWithUrl('javascript:alert(1)'))).toEqual([
    `suite.yaml:4:10 - apps[0].url: URL scheme "javascript:" is refused in "javascript:alert(1)"; ${EXPECTED_URL}`,
  ]);
  expect(errorsOf(appWithUrl('"data:text/html,<b>x</b>"'))).toEqual([
    `suite.yaml:4:10 - apps[0].url: URL scheme "data:" is refused in "data:text/html,<b>x</b>"; ${EXPECTED_URL}`,
  ]);
  expect(errorsOf(appWithUrl('example.com/login'))).toEqual([
    `suite.yaml:4:10 - apps[0].url: relative URL "example.com/login"; ${EXPECTED_URL} such as "https://example.com/login"`,
  ]);
  expect(errorsOf(appWithUrl('localhost:3000'))).toEqual([
    `suite.yaml:4:10 - apps[0].url: relative URL "localhost:3000"; ${EXPECTED_URL} such as "https://localhost:3000"`,
  ]);
  expect(errorsOf(appWithUrl('/login'))).toEqual([
    `suite.yaml:4:10 - apps[0].url: relative URL "/login"; ${EXPECTED_URL} such as "https://example.com/login"`,
  ]);
  expect(errorsOf(appWithUrl('"http://"'))).toEqual([`suite.yaml:4:10 - apps[0].url: invalid URL "http://"; ${EXPECTED_URL}`]);
  expect(errorsOf(appWithUrl('" "'))).toEqual([`suite.yaml:4:10 - apps[0].url: empty URL; ${EXPECTED_URL}`]);
  expect(errorsOf(appWithUrl('""'))).toEqual(['suite.yaml:4:10 - apps[0].url: a web app needs "url": the page to open']);
  expect(valid(appWithUrl('HTTPS://Example.com:8443/a?b=c')).suite.apps[0]?.url).toBe('HTTPS://Example.com:8443/a?b=c');
});

test('file: URLs need settings.allow_file_urls', () => {
  const text = yaml(...WEB_APP, '    actions:', '      - name: local', '        type: navigate', '        url: file:///tmp/page.html');
  expect(errorsOf(text)).toEqual([
    'suite.yaml:8:14 - apps[0].actions[0].url: file: URL "file:///tmp/page.html" is refused unless settings.allow_file_urls is true',
  ]);
  expect(() => valid(`${text}settings:\n  allow_file_urls: true\n`)).not.toThrow();
  expect(errorsOf(`${text}settings:\n  allow_file_urls: false\n`)).toHaveLength(1);
});

test('navigate checks the URL it will open: url, else value', () => {
  const text = yaml(
    ...WEB_APP,
    'actions:',
    '  - name: by value',
    '    type: navigate',
    '    value: ftp://example.com',
    '  - name: url wins',
    '    type: navigate',
    '    url: https://example.com',
    '    value: not a url',
    '  - name: empty url falls back to value',
    '    type: navigate',
    '    url: ""',
    '    value: https://example.com',
    '  - name: fill is not navigation',
    '    type: fill',
    '    selector: "#q"',
    '    value: javascript:void(0)',
  );
  expect(errorsOf(text)).toEqual([
    `suite.yaml:8:12 - actions[0].value: URL scheme "ftp:" is refused in "ftp://example.com"; ${EXPECTED_URL}`,
  ]);
});

test('artifact file names cannot leave the output folder', () => {
  const text = yaml(
    ...WEB_APP,
    'actions:',
    '  - name: up',
    '    type: screenshot',
    '    parameters: { filename: ../../etc/shot.png }',
    '  - name: absolute',
    '    type: record',
    '    parameters: { filename: /tmp/clip.webm }',
    '  - name: drive',
    '    type: screenshot',
    '    parameters: { filename: "C:/shots/a.png" }',
    '  - name: backslash',
    '    type: screenshot',
    '    parameters: { filename: "shots\\\\a.png" }',
    '  - name: nul',
    '    type: screenshot',
    '    parameters: { filename: "a\\0.png" }',
    '  - name: output',
    '    type: ai_test_generation',
    '    parameters: { output: reports/../../x.json }',
    '  - name: not text',
    '    type: screenshot',
    '    parameters: { filename: [a] }',
    '  - name: fine',
    '    type: screenshot',
    '    parameters: { filename: shots/..hidden/a..b.png }',
  );
  const inside = 'expected a relative path inside the output folder';
  expect(errorsOf(text)).toEqual([
    `suite.yaml:8:29 - actions[0].parameters.filename: file name "../../etc/shot.png" climbs out of the output folder with ".."; ${inside}`,
    `suite.yaml:11:29 - actions[1].parameters.filename: file name "/tmp/clip.webm" is an absolute path; ${inside}`,
    `suite.yaml:14:29 - actions[2].parameters.filename: file name "C:/shots/a.png" is an absolute path; ${inside}`,
    'suite.yaml:17:29 - actions[3].parameters.filename: file name "shots\\\\a.png" contains a backslash; separate folders with "/"',
    `suite.yaml:20:29 - actions[4].parameters.filename: file name "a\\u0000.png" contains a NUL character; ${inside}`,
    `suite.yaml:23:27 - actions[5].parameters.output: file name "reports/../../x.json" climbs out of the output folder with ".."; ${inside}`,
    'suite.yaml:26:29 - actions[6].parameters.filename: expected a string, found a list',
  ]);
});

test('the suite output folder must stay inside the working directory', () => {
  const climbing = yaml(...WEB_APP, 'output: results/../../elsewhere');
  const refusal = 'is outside the working directory; use a folder inside it, or give the output folder on the command line';
  expect(errorsOf(climbing)).toEqual([`suite.yaml:5:9 - output: output folder "results/../../elsewhere" ${refusal}`]);
  const absolute = yaml(...WEB_APP, `output: ${path.dirname(CWD)}`);
  expect(errorsOf(absolute)).toEqual([`suite.yaml:5:9 - output: output folder ${JSON.stringify(path.dirname(CWD))} ${refusal}`]);
  expect(errorsOf(yaml(...WEB_APP, 'output: ..'))).toHaveLength(1);

  expect(valid(yaml(...WEB_APP, 'output: results/../panoptic')).suite.output).toBe('results/../panoptic');
  expect(valid(yaml(...WEB_APP, 'output: ..panoptic')).suite.output).toBe('..panoptic');
  expect(valid(yaml(...WEB_APP, `output: ${path.join(CWD, 'out')}`)).suite.output).toBe(path.join(CWD, 'out'));
});

test('an output folder from the command line wins, so the suite\'s is not checked', () => {
  const text = yaml(...WEB_APP, 'output: /somewhere/else');
  expect(errorsOf(text)).toHaveLength(1);
  expect(valid(text, { outputFromCommandLine: true }).suite.output).toBeUndefined();
});
