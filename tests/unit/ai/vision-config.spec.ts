import { test, expect } from '@playwright/test';
import { errorsOf, valid, warningsOf, yaml, WEB_APP } from '../config/helpers.js';

test('vision_click without text, target or type is refused at validation, where it is written', () => {
  const text = yaml(...WEB_APP, '    actions:', '      - name: buy', '        type: vision_click', '        parameters: { type_of: button }');
  // A misspelt parameter is named too, with the one it resembles.
  expect(errorsOf(text)).toEqual([
    'suite.yaml:8:21 - apps[0].actions[0].parameters: vision_click needs "parameters.text" (the visible text to click) or "parameters.type" (button, link, textfield, image...), or both',
    'suite.yaml:8:23 - apps[0].actions[0].parameters.type_of: unknown key; did you mean "type"?',
  ]);
  for (const ok of ['parameters: { text: Buy now }', 'parameters: { type: button }', 'target: Buy now']) {
    expect(valid(yaml(...WEB_APP, '    actions:', '      - name: buy', '        type: vision_click', `        ${ok}`)).warnings).toEqual([]);
  }
});

test('the vision, healing, ordering and learning keys of ai_testing validate quietly', () => {
  const text = yaml(
    ...WEB_APP,
    'settings:',
    '  ai_testing:',
    '    enable_vision_analysis: true',
    '    max_elements_to_analyze: 200',
    '    confidence_threshold: 0.8',
    '    parallel_workers: 2',
    '    enable_learning: true',
    '    adaptive_test_priority: false',
    '    smart_error_recovery: true',
  );
  expect(warningsOf(text)).toEqual([]);
});
