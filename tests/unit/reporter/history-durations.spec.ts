import { test, expect } from '@playwright/test';
// The reporter's history building is internal: these tests pin how it finds recorded durations.
import { appendRun, emptyHistory, medianDurations } from '../../../packages/reporter/dist/history.js';
import { fakeTest } from './fake-test.js';

const YAML_KEY = 'home › @panoptic/fixtures/dist/play/suite.spec.js › suite.yaml › Keys › home';

const history = appendRun(emptyHistory(), new Date(0), [
  { ...fakeTest('yaml', 'expected', 1_200), key: YAML_KEY, project: 'home', file: '@panoptic/fixtures/dist/play/suite.spec.js', titlePath: ['suite.yaml', 'Keys', 'home'] },
  fakeTest('plain', 'expected', 300),
]);

test('a YAML test is found by the key a test list from any config folder gives it', () => {
  const durations = medianDurations(history);
  expect(durations.get(YAML_KEY)).toBe(1_200);
  for (const file of ['node_modules/@panoptic/fixtures/dist/play/suite.spec.js', '../../packages/fixtures/dist/play/suite.spec.js', 'dist/play/suite.spec.js']) {
    expect(durations.get(`home › ${file} › suite.yaml › Keys › home`), file).toBe(1_200);
    expect(durations.has(`home › ${file} › suite.yaml › Keys › home`), file).toBe(true);
  }
});

test('only the spec file may differ: another project, title or spec is not the same test', () => {
  const durations = medianDurations(history);
  expect(durations.get('away › ../../packages/fixtures/dist/play/suite.spec.js › suite.yaml › Keys › home')).toBeUndefined();
  expect(durations.get('home › ../../packages/fixtures/dist/play/suite.spec.js › suite.yaml › Keys › other')).toBeUndefined();
  expect(durations.get('home › ../../packages/fixtures/dist/play/other.spec.js › suite.yaml › Keys › home')).toBeUndefined();
  expect(durations.get('home › my-suite.spec.js › suite.yaml › Keys › home')).toBeUndefined();
  // A spec of the user's own is found by its exact key only.
  expect(durations.get('p › a.spec.ts › plain')).toBe(300);
  expect(durations.get('p › x/a.spec.ts › plain')).toBeUndefined();
  expect([...durations.keys()].sort()).toEqual([YAML_KEY, 'p › a.spec.ts › plain'].sort());
});
