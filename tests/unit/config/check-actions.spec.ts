import { test, expect } from '@playwright/test';
import { ORIGINAL_ACTION_TYPES, PANOPTIC_ACTION_TYPES } from '@panoptic/config';
import { errorsOf, valid, WEB_APP, yaml } from './helpers.js';

// Panoptic's additions to the original schema: checks of what a web page shows, a double click,
// a hover, choosing an option and a keyboard shortcut. They validate like every other action: typed
// parameters, located errors.

const actions = (...lines: string[]) => yaml(...WEB_APP, '    actions:', ...lines.map((line) => `      - ${line}`));

test("the additions are apart from the original's 27 types", () => {
  expect(ORIGINAL_ACTION_TYPES.length).toBe(27);
  expect(PANOPTIC_ACTION_TYPES.filter((type) => (ORIGINAL_ACTION_TYPES as readonly string[]).includes(type))).toEqual([]);
});

test('each check and interaction validates, its parameters typed', () => {
  const loaded = valid(
    actions(
      '{ name: a, type: assert_text, selector: "#count", value: "1 item left" }',
      '{ name: b, type: assert_count, selector: "role=listitem", parameters: { count: 2 } }',
      '{ name: c, type: assert_checked, selector: "#done", parameters: { checked: false } }',
      '{ name: d, type: assert_visible, selector: "#about", parameters: { visible: false } }',
      '{ name: e, type: assert_attribute, selector: "#toggle", value: "true", parameters: { name: aria-expanded } }',
      '{ name: f, type: assert_value, selector: "#field", value: "x" }',
      '{ name: g, type: assert_url, url: "https://example.com/#/active" }',
      '{ name: h, type: assert_title, value: "Todos" }',
      '{ name: i, type: double_click, selector: "text=Milk" }',
      '{ name: h2, type: hover, selector: "text=Milk" }',
      '{ name: j, type: select_option, selector: "#priority", value: "High" }',
      '{ name: k, type: press_key, parameters: { keys: "Control+k" } }',
      '{ name: l, type: assert_focused, selector: "#search" }',
    ),
  );
  expect(loaded.warnings).toEqual([]);
  const played = loaded.suite.apps[0]!.actions!;
  expect(played.map((action) => action.type)).toEqual([...PANOPTIC_ACTION_TYPES]);
  expect(played[1]!.parameters).toEqual({ count: 2 });
});

test('wrong parameters are located errors, and the additions play on web apps only', () => {
  expect(
    errorsOf(
      actions(
        '{ name: a, type: assert_count, selector: li, parameters: { count: -1 } }',
        '{ name: b, type: assert_attribute, selector: "#x", value: "true", parameters: { attr: aria-expanded } }',
        '{ name: c, type: assert_checked, selector: "#x", parameters: { checked: "yes" } }',
      ),
    ),
  ).toEqual([
    'suite.yaml:6:75 - apps[0].actions[0].parameters.count: expected a number of at least 0, found a number (-1)',
    'suite.yaml:7:87 - apps[0].actions[1].parameters.name: missing required key "name"; expected a string',
    'suite.yaml:7:89 - apps[0].actions[1].parameters.attr: unknown key; expected one of: name',
    'suite.yaml:8:81 - apps[0].actions[2].parameters.checked: expected true or false, found a string ("yes")',
  ]);
  expect(errorsOf(yaml('apps:', '  - name: calc', '    type: desktop', '    path: /usr/bin/xcalc', '    actions:', '      - { name: look, type: assert_text, selector: "x", value: "7" }'))).toEqual([
    'suite.yaml:6:29 - apps[0].actions[0].type: assert_text cannot be played by a desktop app; it works on web apps',
  ]);
});
