import path from 'node:path';
import { test, expect } from '@playwright/test';
import { appSourceOf, locatedActionsOf, sourceOf, suiteTitles } from '@panoptic/config';
import { CWD, valid, yaml } from './helpers.js';

const SUITE = yaml(
  'name: Login flow',
  'apps:',
  '  - name: own',
  '    type: web',
  '    url: https://example.com',
  '    actions:',
  '      - { name: first, type: click, selector: "#a" }',
  '      - name: second',
  '        type: wait',
  '  - name: shared',
  '    type: web',
  '    url: https://example.com',
  'actions:',
  '  - name: global',
  '    type: wait',
  'settings:',
  '  ai_testing:',
  '    auto_generate_tests: true',
);

test("each action carries where it is written: the app's own list, or the global one it plays", () => {
  const loaded = valid(SUITE);
  const file = path.join(CWD, 'suite.yaml');
  const [own, shared] = loaded.suite.apps;
  expect(locatedActionsOf(loaded, own!).map(({ action, source }) => [action.name, source])).toEqual([
    ['first', { file, line: 7, column: 9 }],
    ['second', { file, line: 8, column: 9 }],
  ]);
  expect(locatedActionsOf(loaded, shared!).map(({ action, source }) => [action.name, source])).toEqual([['global', { file, line: 14, column: 5 }]]);
  expect(appSourceOf(loaded, shared!)).toEqual({ file, line: 10, column: 5 });
  expect(appSourceOf(loaded, own!, 'url')).toEqual({ file, line: 5, column: 5 });
  expect(sourceOf(loaded, ['settings', 'ai_testing', 'auto_generate_tests'], 'key')).toEqual({ file, line: 18, column: 5 });
});

test("an app's test is titled after the suite file, then the suite's name when it has one", () => {
  expect(suiteTitles('Login flow', '/x/suites/login.yaml')).toEqual(['login.yaml', 'Login flow']);
  expect(suiteTitles(undefined, '/x/suites/login.yaml')).toEqual(['login.yaml']);
  expect(suiteTitles('login.yaml', '/x/suites/login.yaml')).toEqual(['login.yaml']);
});
