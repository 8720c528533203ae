import { test, expect } from '@playwright/test';
import type { GeneratedTest, Step } from '@panoptic/ai';
// Internal steps of generation, imported from the build directly.
import { mergeDuplicates, uniqueTitles } from '../../../packages/ai/dist/generate/merge.js';

const URL = 'http://127.0.0.1:4174/';
const box = (name: string): Step => ({ kind: 'check', target: { by: 'role', role: 'checkbox', name }, description: `check "${name}"` });
const shows = (text: string): Step => ({ kind: 'expectVisible', target: { by: 'text', value: text }, plain: true, description: `"${text}" is visible` });

function made(title: string, steps: Step[], effect: string | undefined, kind: GeneratedTest['kind'] = 'interaction'): GeneratedTest {
  return { title, kind, url: URL, steps, ...(effect === undefined ? {} : { effect }) };
}

test('tests on one page acting on the same role with the same effect are merged into the first; others stay', () => {
  const first = made('A: checking "One" shows "1 done"', [box('One'), shows('1 done')], 'checked=true,expectVisible');
  const same = made('A: checking "Two" shows "2 done"', [box('Two'), shows('2 done')], 'checked=true,expectVisible');
  const otherEffect = made('A: checking "Three" shows the list', [box('Three'), shows('list')], 'count+,expectVisible');
  const otherPage = { ...same, url: 'http://127.0.0.1:4174/other' };
  const content = made('A: shows its key content', [shows('Todos')], undefined, 'content');
  const { kept, merged } = mergeDuplicates([first, same, otherEffect, otherPage, content, { ...content }]);
  expect(kept).toEqual([first, otherEffect, otherPage, content, content]);
  expect(merged).toEqual([{ title: same.title, reason: `same page, control role and observed effect as "${first.title}"` }]);
});

test('a repeated title says what its test checks instead of a number; one that still repeats is merged', () => {
  const one = made('A: button "Run"', [shows('x')], 'a');
  const two = made('A: button "Run"', [shows('y')], 'b');
  const three = made('A: button "Run"', [shows('y')], 'c');
  const { kept, merged } = uniqueTitles([one, two, three]);
  expect(kept.map((t) => t.title)).toEqual(['A: button "Run"', 'A: button "Run": checks "y" is visible']);
  expect(merged).toEqual([{ title: 'A: button "Run"', reason: 'another kept test has the same title and checks' }]);
});

test('titles lose slashes and control characters, and a long one is cut in its first part, keeping what tells it apart', () => {
  const long = `A: after ${'entering "x", '.repeat(20)}checking "y"`;
  const { kept } = uniqueTitles([made('A/B\tC', [], 'a'), made(long, [shows('z')], 'b'), made(long, [shows('w')], 'c')]);
  expect(kept[0]!.title).toBe('A∕B C');
  expect(kept[1]!.title.length).toBeLessThanOrEqual(150);
  expect(kept[1]!.title.endsWith('…')).toBe(true);
  expect(kept[2]!.title.endsWith('…: checks "w" is visible')).toBe(true);
  expect(kept[2]!.title.length).toBeLessThanOrEqual(150);
});
