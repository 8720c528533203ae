import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { JSONReport, JSONReportSuite, JSONReportTestResult } from '@playwright/test/reporter';
import { suitesConfig, useDemoServer } from '../helpers/demo.js';
import { runPanoptic, runPlaywright, writeProject } from '../helpers/inline.js';
import { distinctColours, testAppsDir } from '../helpers/desktop.js';
import { pngSize } from '../helpers/media.js';
import { htmlReportData } from '../helpers/playwright-report.js';
import { readSummary } from '../helpers/reporter.js';

const demo = useDemoServer();

/** Where `text` starts in `source`, 1-based, as an editor and Playwright show it. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const offset = source.indexOf(text);
  if (offset < 0) throw new Error(`"${text}" is not in the suite`);
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The last attempt of the test of `project`, with the describe titles above it. */
function resultOf(report: JSONReport | undefined, project: string): { titles: string[]; result: JSONReportTestResult } {
  const visit = (suite: JSONReportSuite, titles: string[]): { titles: string[]; result: JSONReportTestResult } | undefined => {
    for (const spec of suite.specs) {
      const found = spec.tests.find((t) => t.projectName === project);
      if (found) return { titles: [...titles, spec.title], result: found.results.at(-1)! };
    }
    for (const child of suite.suites ?? []) {
      const found = visit(child, [...titles, child.title]);
      if (found) return found;
    }
    return undefined;
  };
  for (const file of report?.suites ?? []) {
    const found = visit(file, []);
    if (found) return found;
  }
  throw new Error(`No test ran in project "${project}".`);
}

/**
 * Focus the user field, pause, then click a selector that matches nothing (the demo's button is
 * "Sign in"). No fill: a suite without secrets is located in its own file.
 */
function signInActions(indent: string, clickName: string): string {
  const lines = [
    '- name: user',
    '  type: click',
    '  selector: "#username"',
    '- name: pause',
    '  type: wait',
    '  wait_time: 0.1',
    `- name: ${clickName}`,
    '  type: click',
    '  selector: "#sign-in"',
  ];
  return lines.map((line) => `${indent}${line}\n`).join('');
}

// `login` has actions of its own; `phone` plays the suite's global ones on an emulated Pixel 7.
function loginSuite(url: string): string {
  return `name: Login flow
apps:
  - name: login
    type: web
    url: ${url}/login
    actions:
${signInActions('      ', 'sign in')}  - name: phone
    type: web
    device: Pixel 7
    url: ${url}/login
    timeout: 1
actions:
${signInActions('  ', 'tap sign in')}`;
}

test('a failing YAML action is reported at its line in the suite, with a screenshot of the page and a hint in YAML', async () => {
  const suite = loginSuite(demo.url);
  const file = path.join('suites', 'login.yaml');
  const dir = writeProject({ [file]: suite, 'playwright.config.ts': suitesConfig([file]) });
  const run = await runPlaywright(dir, ['--reporter=list,json,html,@panoptic/reporter', '--workers=2'], {
    PLAYWRIGHT_HTML_OPEN: 'never',
    PLAYWRIGHT_HTML_OUTPUT_DIR: path.join(dir, 'playwright-report'),
  });
  expect(run.exitCode, run.output).toBe(1);

  const signIn = positionOf(suite, 'name: sign in');
  const tapSignIn = positionOf(suite, 'name: tap sign in');
  const expected = { login: signIn, phone: tapSignIn };
  for (const [project, at] of Object.entries(expected)) {
    const where = `suites/login.yaml:${at.line}:${at.column}`;
    const { titles, result } = resultOf(run.report, project);
    // The test is declared in Panoptic's spec; its titles name the suite file, the suite and the app.
    expect(titles).toEqual(['login.yaml', 'Login flow', project]);
    expect(result.status).toBe('failed');
    const [error] = result.errors;
    expect(error?.location).toEqual({ file: path.join(dir, file), line: at.line, column: at.column });
    // The stack is the action's line alone: nothing in Panoptic's spec, runner or platforms.
    const frames = (result.error?.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    expect(frames).toEqual([`    at ${path.join(dir, file)}:${at.line}:${at.column}`]);
    const step = (result.steps ?? []).find((s) => s.error);
    expect(step?.title).toBe(project === 'login' ? 'sign in' : 'tap sign in');
    expect(step?.error?.location).toEqual({ file: path.join(dir, file), line: at.line, column: at.column });
    expect(run.output).toContain(where);

    const shot = result.attachments.find((a) => a.name === 'failure-screenshot');
    expect(shot?.contentType).toBe('image/png');
    const size = pngSize(shot!.path!);
    // An emulated phone is portrait; the desktop page is Playwright's 1280x720.
    if (project === 'phone') expect(size.height).toBeGreaterThan(size.width);
    else expect(size).toEqual({ width: 1280, height: 720 });
  }
  // The element timeout of suites is 10 s unless a suite or app sets one (the phone app: 1 s).
  expect(resultOf(run.report, 'login').result.errors[0]?.message).toContain('Timeout 10000ms exceeded');
  expect(resultOf(run.report, 'phone').result.errors[0]?.message).toContain('Timeout 1000ms exceeded');

  // The list reporter's code frame is the suite's, and no stack line names Panoptic's files.
  expect(run.stdout).toContain(`> ${signIn.line} |       - name: sign in`);
  const stackLines = run.stdout.split('\n').filter((line) => /^\s+at /.test(line));
  expect(stackLines.length).toBeGreaterThan(0);
  for (const line of stackLines) expect(line).toMatch(/suites[/\\]login\.yaml(:\d+)?$|login\.yaml:\d+:\d+$/);
  expect(run.stdout).not.toMatch(/platforms[/\\]web|runner[/\\]play|at .*suite\.spec/);

  // Playwright's HTML report: the error names the suite's line and its code frame is the suite's lines.
  const html = await htmlReportData(path.join(dir, 'playwright-report'));
  type HtmlTest = { projectName: string; results: { errors: { message: string; codeframe?: string }[] }[] };
  const htmlTests = [...html.entries()].filter(([name]) => name !== 'report.json').flatMap(([, text]) => (JSON.parse(text) as { tests: HtmlTest[] }).tests);
  const [htmlError] = htmlTests.find((t) => t.projectName === 'login')!.results.at(-1)!.errors;
  expect(htmlError?.message).toContain(`login.yaml:${signIn.line}:${signIn.column}`);
  expect(htmlError?.codeframe).toContain(`> ${signIn.line} |       - name: sign in`);
  expect(`${htmlError?.message}${htmlError?.codeframe}`).not.toMatch(/platforms\/web|suite\.spec/);

  // Panoptic's report: the same location, and the healing hint in YAML beside Playwright's code.
  const summary = readSummary(dir);
  const login = summary.tests.find((t) => t.project === 'login')!;
  expect(login.attempts.at(-1)!.errors[0]!.location).toBe(`suites/login.yaml:${signIn.line}:${signIn.column}`);
  expect(login.failure?.hint).toMatchObject({ role: 'button', name: 'Sign in', selector: 'role=button[name="Sign in"]', target: 'Sign in' });
  const markdown = fs.readFileSync(path.join(dir, 'panoptic-results', 'summary.md'), 'utf8');
  expect(markdown).toContain("(try `page.getByRole('button', { name: 'Sign in' })`; in the suite, `selector: \"role=button[name=\\\"Sign in\\\"]\"` or `target: Sign in`)");
  const report = fs.readFileSync(path.join(dir, 'panoptic-results', 'report', 'index.html'), 'utf8');
  expect(report).toContain('in the suite, <code>selector: &quot;role=button[name=\\&quot;Sign in\\&quot;]&quot;</code> or <code>target: Sign in</code>');
});

test('a suite with secrets is located in a redacted copy of it, line for line, so no report or trace shows them', async () => {
  const secret = 'typed-S3CRET-value';
  const suite = `apps:
  - name: login
    type: web
    url: ${demo.url}/login
    actions:
      - { name: password, type: fill, selector: "#password", value: ${secret} }
      - { name: sign in, type: click, selector: "#sign-in" }
settings:
  element_timeout: 1
`;
  const file = path.join('suites', 'login.yaml');
  const dir = writeProject({ [file]: suite, 'playwright.config.ts': suitesConfig([file]) });
  const run = await runPlaywright(dir);
  expect(run.exitCode, run.output).toBe(1);
  const at = positionOf(suite, '{ name: sign in');
  const copy = path.join(dir, 'panoptic-results', 'suite-sources', file);
  expect(resultOf(run.report, 'login').result.errors[0]?.location).toEqual({ file: copy, line: at.line, column: at.column });
  const copied = fs.readFileSync(copy, 'utf8');
  expect(copied).toBe(suite.replace(secret, '<redacted>'));
  expect(run.output).toContain(`panoptic-results/suite-sources/suites/login.yaml:${at.line}:${at.column}`);
  expect(run.output).not.toContain(secret);
  expect(JSON.stringify(run.report)).not.toContain(secret);
});

test('invalid suites under `playwright test` are printed as `panoptic validate` prints them: every located error, no stack', async () => {
  const dir = writeProject({
    'one.yaml': 'apps:\n  - name: a\n    type: web\n    url: http://127.0.0.1:9/\n    actions:\n      - name: c\n        type: clik\n',
    'two.yaml': 'apps:\n  - name: b\n    type: wbe\n    url: http://127.0.0.1:9/\nsettings:\n  element_timeout: -1\n',
    'playwright.config.ts': suitesConfig(['one.yaml', 'two.yaml']),
  });
  const run = await runPlaywright(dir);
  expect(run.exitCode).toBe(1);
  const lines = run.output.split('\n');
  expect(lines).toContain('error: two.yaml:3:11 - apps[0].type: unknown app type "wbe"; did you mean "web"? Expected one of: web, desktop, mobile');
  expect(lines).toContain('error: two.yaml:6:20 - settings.element_timeout: expected a number of at least 0, found a number (-1)');
  expect(lines.some((line) => line.startsWith('error: one.yaml:7:15 - apps[0].actions[0].type: unknown action type "clik"; did you mean "click"?'))).toBe(true);
  expect(lines).toContain('3 errors; nothing was run.');
  // Neither a stack into Panoptic nor a dump of the error object.
  expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
  expect(run.output).not.toMatch(/issues:|SuiteValidationError|\{$/m);
});

test('a failing desktop action is reported at its line too, with a screenshot of the app window', async () => {
  const suite = `apps:
  - name: counter
    type: desktop
    path: /usr/bin/python3 "${path.join(testAppsDir, 'counter-tk.py')}"
    timeout: 5
    actions:
      - { name: count, type: screenshot }
      - { name: press missing, type: click, target: No such button }
`;
  const dir = writeProject({ 'desktop.yaml': suite, 'playwright.config.ts': suitesConfig(['desktop.yaml']) });
  const run = await runPlaywright(dir);
  expect(run.exitCode, run.output).toBe(1);
  const at = positionOf(suite, '{ name: press missing');
  const { result } = resultOf(run.report, 'counter');
  expect(result.errors[0]?.location).toEqual({ file: path.join(dir, 'desktop.yaml'), line: at.line, column: at.column });
  const shot = result.attachments.find((a) => a.name === 'failure-screenshot');
  expect(shot?.contentType).toBe('image/png');
  // The window, not a blank screen.
  expect(distinctColours(shot!.path!)).toBeGreaterThan(1);
});

test('`panoptic run` prints a failing action at its line as the working folder names the suite', async () => {
  const suite = `name: Run
apps:
  - name: login
    type: web
    url: ${demo.url}/login
    timeout: 1
    actions:
      - name: sign in
        type: click
        selector: "#sign-in"
`;
  const file = path.join('suites', 'run.yaml');
  const dir = writeProject({ [file]: suite });
  const run = await runPanoptic(dir, ['run', file]);
  expect(run.exitCode, run.output).toBe(1);
  const at = positionOf(suite, 'name: sign in');
  expect(run.stdout).toContain(`suites/run.yaml:${at.line}:${at.column}`);
  // Not relative to the folder of the config `panoptic run` writes for Playwright.
  expect(run.stdout).not.toMatch(/\.\.\/\S*run\.yaml/);
});
