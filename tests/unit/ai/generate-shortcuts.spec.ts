import { test, expect } from '@playwright/test';
import { parseSuite } from '@panoptic/config';
import type { GeneratedTest } from '@panoptic/ai';
// Internal steps of generation, imported from the build directly.
import { shortcutsInText, toKeyChord } from '../../../packages/ai/dist/generate/shortcut-keys.js';
import { findShortcuts, shortcutInteraction } from '../../../packages/ai/dist/generate/shortcuts.js';
import { renderYaml, toActions } from '../../../packages/ai/dist/generate/render-yaml.js';
import { renderSpec } from '../../../packages/ai/dist/generate/render-spec.js';
import { useBrowser } from '../../helpers/ai-pages.js';

// Keyboard shortcuts a page announces (aria-keyshortcuts, accesskey, <kbd> hints, "Ctrl+K" in its
// text), turned into Playwright's keyboard.press syntax, and the steps a generated test plays.

test('announced chords become keyboard.press syntax: modifiers named, letters unshifted, sequences and words refused', () => {
  const chords = ['Ctrl+K', 'ctrl + shift + p', 'Control+Shift+Z', 'Alt-F4', '⌘K', '⌘⇧P', 'Cmd+Enter', 'Mod+s', '/', '?', 'Esc', 'Shift+?', 'Ctrl++', 'K'];
  expect(chords.map(toKeyChord)).toEqual(['Control+k', 'Control+Shift+p', 'Control+Shift+z', 'Alt+F4', 'Meta+k', 'Shift+Meta+p', 'Meta+Enter', 'ControlOrMeta+s', '/', '?', 'Escape', 'Shift+?', 'Control++', 'k']);
  // A sequence ("g i"), a word, a modifier alone and keys that only move the focus are no chords.
  expect(['g i', 'Save', 'Ctrl', 'Tab', 'Shift+Tab', 'Enter', 'Foo+K', ''].map(toKeyChord)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
});

test('prose names a chord only with a modifier, each once', () => {
  expect(shortcutsInText('Press Ctrl+K to search, or ⌘K on a Mac; Alt-F4 quits. Ctrl + K again.')).toEqual(['Control+k', 'Alt+F4', 'Meta+k']);
  expect(shortcutsInText('Written in C++ with shift-work and alt-text, control-flow and 3+4')).toEqual([]);
  expect(shortcutsInText('Bold (Ctrl+B)')).toEqual(['Control+b']);
});

const browser = useBrowser();

test('the page announces shortcuts in its markup, whatever its own conventions', async () => {
  const page = await browser.page(`
    <input type="search" aria-label="Search" aria-keyshortcuts="/ Control+K">
    <p>Press <kbd>?</kbd> for help, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd> for commands, <kbd><kbd>Alt</kbd>+<kbd>N</kbd></kbd> for a note, <kbd>g</kbd> <kbd>i</kbd> for the inbox.</p>
    <p>Save with Ctrl+S.</p>
    <button title="Undo (Ctrl+Z)">↶</button>
    <button accesskey="h">Home</button>
    <button aria-keyshortcuts="Delete" disabled>Remove</button>
    <section hidden><kbd>Esc</kbd> closes</section>
    <template><kbd>x</kbd></template>`);
  const found = await findShortcuts(page);
  expect(found.map(({ key, source }) => `${source} ${key}`)).toEqual([
    'aria-keyshortcuts /',
    'aria-keyshortcuts Control+k',
    'kbd ?',
    'kbd Control+Shift+p',
    'kbd Alt+n',
    'kbd Escape',
    'text Control+s',
    'text Control+z',
    'accesskey Alt+h',
  ]);
  expect(found[0]?.on).toBe('Search');
  await page.close();
});

test('pressing a shortcut blurs the focused field first, by a locator the spec writes, and checks the focus it moved', async () => {
  const page = await browser.page(`
    <input aria-label="Name"><input type="search" aria-label="Search">
    <script>document.addEventListener('keydown', (e) => { if (e.key === '/' && e.target === document.body) { e.preventDefault(); document.querySelector('[type=search]').focus(); } });</script>`);
  await page.getByLabel('Name').focus();
  const played = await shortcutInteraction({ key: '/', source: 'kbd', on: 'Press / to search' }).play(page, 5000, 0);
  expect(played).toMatchObject({
    steps: [{ kind: 'pressKey', key: '/', blur: { by: 'role', role: 'textbox', name: 'Name' } }],
    checks: [{ kind: 'expectFocused', target: { by: 'role', role: 'searchbox', name: 'Search' } }],
  });
  // "/" was not typed into the field that had the focus.
  await expect(page.getByLabel('Name')).toHaveValue('');
  // An accesskey is listed with the reason it cannot be pressed, not played.
  expect(await shortcutInteraction({ key: 'Alt+h', source: 'accesskey', on: 'Home' }).play(page, 5000, 0)).toHaveProperty('reason');
  await page.close();
});

const shortcutTest: GeneratedTest = {
  title: 'Search: pressing slash shows "Search" has the focus',
  kind: 'interaction',
  interaction: 'shortcut',
  url: 'http://127.0.0.1:4174/',
  steps: [
    { kind: 'pressKey', key: '/', blur: { by: 'label', value: 'Name' }, description: 'press "/"' },
    { kind: 'expectFocused', target: { by: 'role', role: 'searchbox', name: 'Search' }, description: '"Search" has the focus' },
  ],
};

test('a shortcut is press_key and its focus assert_focused in YAML, which validates; the spec blurs the field, presses and checks toBeFocused', () => {
  expect(shortcutTest.steps.flatMap(toActions)).toEqual([
    { name: 'press "/"', type: 'press_key', keys: '/' },
    { name: 'check: "Search" has the focus', type: 'assert_focused', selector: 'role=searchbox[name="Search"]' },
  ]);
  const loaded = parseSuite(renderYaml('Search', shortcutTest.url, [shortcutTest]), 'search.yaml', { cwd: process.cwd() });
  expect(loaded.warnings).toEqual([]);
  expect(loaded.suite.apps[0]!.actions!.map((action) => [action.type, action.parameters])).toEqual([['press_key', { keys: '/' }], ['assert_focused', undefined]]);
  const spec = renderSpec('Search', shortcutTest.url, [shortcutTest]);
  expect(spec).toContain("await page.getByLabel('Name').blur();\n    await page.keyboard.press('/');");
  expect(spec).toContain("await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();");
});
