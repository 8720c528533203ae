import { test, expect } from '@playwright/test';
import { ACTION_DEFINITIONS, ACTION_TYPES, VISION_CLICK_TYPES as CONFIG_VISION_CLICK_TYPES } from '@panoptic/config';
import { VISION_CLICK_TYPES } from '@panoptic/ai';
import { errorsOf, valid, warningsOf, WEB_APP, yaml } from './helpers.js';

const actions = (...lines: string[]) => yaml(...WEB_APP, '    actions:', ...lines.map((line) => `      - ${line}`));

test('every action type has one definition, and the available ones are the ones the runner plays', () => {
  expect(Object.keys(ACTION_DEFINITIONS).sort()).toEqual([...ACTION_TYPES].sort());
  const unavailable = ACTION_TYPES.filter((type) => ACTION_DEFINITIONS[type].unavailable);
  expect(unavailable).toEqual([]);
});

test('wrong or unknown parameters are located errors with did-you-mean, checked by the action type', () => {
  expect(
    errorsOf(
      actions(
        '{ name: a, type: smart_error_detection, parameters: { fail: "yes" } }',
        '{ name: b, type: smart_error_detection, parameters: { fial: false } }',
        '{ name: c, type: submit, parameters: { keys: 42 } }',
        '{ name: d, type: screenshot, parameters: { area: desk } }',
        '{ name: e, type: ai_test_generation, parameters: { depth: -1 } }',
        '{ name: f, type: navigate, url: "https://example.com", parameters: { timeout: 3 } }',
      ),
    ),
  ).toEqual([
    'suite.yaml:6:69 - apps[0].actions[0].parameters.fail: expected true or false, found a string ("yes")',
    'suite.yaml:7:63 - apps[0].actions[1].parameters.fial: unknown key; did you mean "fail"?',
    'suite.yaml:8:54 - apps[0].actions[2].parameters.keys: expected a string, found a number (42)',
    'suite.yaml:9:58 - apps[0].actions[3].parameters.area: unknown area "desk"; expected one of: window, screen',
    'suite.yaml:10:67 - apps[0].actions[4].parameters.depth: expected a number of at least 0, found a number (-1)',
    'suite.yaml:11:78 - apps[0].actions[5].parameters.timeout: unknown key: navigate takes no parameters',
  ]);
});

test('valid parameters come out typed by their action type', () => {
  const loaded = valid(actions('{ name: errors, type: smart_error_detection, parameters: { fail: false, output: errors.json } }', '{ name: swipe, type: click, selector: "#list", parameters: { gesture: swipe } }'));
  const [detect, swipe] = loaded.suite.apps[0]!.actions!;
  expect(detect).toEqual({ name: 'errors', type: 'smart_error_detection', parameters: { fail: false, output: 'errors.json' } });
  expect(swipe?.type === 'click' && swipe.parameters?.gesture).toBe('swipe');
});

test('keys an action type or app type never reads are located warnings', () => {
  expect(
    warningsOf(
      yaml(
        ...WEB_APP,
        '    emulator: true',
        '    environment: { A: b }',
        '    actions:',
        '      - { name: go, type: navigate, url: "https://example.com", selector: "#x" }',
        '      - { name: pause, type: wait, wait_time: 1, duration: 3 }',
      ),
    ),
  ).toEqual([
    'suite.yaml:5:5 - apps[0].emulator: has no effect on a web app',
    'suite.yaml:6:5 - apps[0].environment: has no effect on a web app',
    'suite.yaml:8:65 - apps[0].actions[0].selector: has no effect on a navigate action; it reads "url", "value"',
    'suite.yaml:9:50 - apps[0].actions[1].duration: has no effect on a wait action; it reads "wait_time"',
  ]);
});

test('an app that cannot play an action of its own is a located error', () => {
  expect(errorsOf(yaml('apps:', '  - name: calc', '    type: desktop', '    path: /usr/bin/xcalc', '    actions:', '      - { name: look, type: vision_click, target: "7" }'))).toEqual([
    'suite.yaml:6:29 - apps[0].actions[0].type: vision_click cannot be played by a desktop app; it works on web apps',
  ]);
});

test("vision_click's element types are the vision module's own", () => {
  expect([...CONFIG_VISION_CLICK_TYPES]).toEqual([...VISION_CLICK_TYPES]);
});
