import { test, expect } from '@playwright/test';
import { parseSuite } from '@panoptic/config';
import type { GeneratedTest } from '@panoptic/ai';
// Internal steps of generation, imported from the build directly.
import { renderYaml, toActions } from '../../../packages/ai/dist/generate/render-yaml.js';
import { renderSpec } from '../../../packages/ai/dist/generate/render-spec.js';

const field = { by: 'role', role: 'textbox', name: 'New todo' } as const;
const items = { by: 'role', role: 'listitem' } as const;

const todo: GeneratedTest = {
  title: 'Todos: entering "Milk" adds an item',
  kind: 'interaction',
  interaction: 'enter',
  url: 'http://127.0.0.1:4174/',
  steps: [
    { kind: 'fill', target: field, value: 'Milk', description: 'type "Milk"' },
    { kind: 'press', target: field, key: 'Enter', description: 'press Enter' },
    { kind: 'expectCount', target: items, count: 1, description: 'the page lists 1 item' },
    { kind: 'expectVisible', target: { by: 'testid', value: 'count' }, text: '1 item left', plain: true, description: '"1 item left" is visible' },
    { kind: 'expectChecked', target: { by: 'label', value: 'Done: Milk' }, checked: false, description: '"Done: Milk" is unchecked' },
    { kind: 'expectHidden', target: { by: 'text', value: 'Nothing to do', exact: true }, description: '"Nothing to do" is no longer shown' },
    { kind: 'expectAttribute', target: { by: 'role', role: 'tab', name: 'Help' }, name: 'aria-selected', value: 'false', description: 'Help is not selected' },
    { kind: 'dblclick', target: { by: 'text', value: 'Milk' }, description: 'double-click "Milk"' },
    { kind: 'select', target: { by: 'label', value: 'Priority' }, value: 'High', description: 'choose "High"' },
    { kind: 'expectUrl', url: 'http://127.0.0.1:4174/#/active', description: 'the URL is …/#/active' },
  ],
};

test('every step is a YAML action: a key press is a submit with parameters.keys, each check an assert_* action', () => {
  expect(todo.steps.flatMap(toActions).map((action) => action.type)).toEqual([
    'fill', 'submit', 'assert_count', 'assert_visible', 'assert_text', 'assert_checked', 'assert_visible', 'assert_attribute', 'double_click', 'select_option', 'assert_url',
  ]);
  const [, press, count, , , unchecked, hidden, attribute] = todo.steps.flatMap(toActions);
  expect(press).toMatchObject({ selector: 'role=textbox[name="New todo"]', keys: 'Enter' });
  expect(count).toMatchObject({ selector: 'role=listitem', count: 1 });
  expect(unchecked).toMatchObject({ checked: false });
  expect(hidden).toMatchObject({ selector: 'text="Nothing to do"', visible: false });
  expect(attribute).toMatchObject({ attribute: 'aria-selected', value: 'false' });
});

test('the YAML suite validates without a warning, its actions typed as the registry defines them', () => {
  const loaded = parseSuite(renderYaml('Todos', todo.url, [todo]), 'todos.yaml', { cwd: process.cwd() });
  expect(loaded.warnings).toEqual([]);
  const actions = loaded.suite.apps[0]!.actions!;
  expect(actions.map((action) => action.type)).toContain('assert_count');
  expect(actions.find((action) => action.type === 'submit')?.parameters).toEqual({ keys: 'Enter' });
  expect(actions.find((action) => action.type === 'assert_count')?.parameters).toEqual({ count: 1 });
});

test('the spec writes the web-first assertion for each check', () => {
  const spec = renderSpec('Todos', todo.url, [todo]);
  expect(spec).toContain("await page.getByRole('textbox', { name: 'New todo' }).press('Enter');");
  expect(spec).toContain("await expect(page.getByRole('listitem')).toHaveCount(1);");
  expect(spec).toContain("await expect(page.getByLabel('Done: Milk')).not.toBeChecked();");
  expect(spec).toContain("await expect(page.getByText('Nothing to do', { exact: true })).toBeHidden();");
  expect(spec).toContain("await expect(page.getByRole('tab', { name: 'Help' })).toHaveAttribute('aria-selected', 'false');");
  expect(spec).toContain("await page.getByText('Milk').dblclick();");
  expect(spec).toContain("await page.getByLabel('Priority').selectOption('High');");
});
