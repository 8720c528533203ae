import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { formatIssue, loadSuite } from '@panoptic/config';
import { repoRoot } from '../helpers/inline.js';
// Unit tests of the desktop platform's internal helpers: imported directly.
import { splitCommandLine } from '../../packages/fixtures/dist/platforms/desktop/command-line.js';
import { locateText, type RecognizedText } from '../../packages/fixtures/dist/platforms/desktop/visible-text.js';

test('an app path splits into program and arguments with shell quoting, never through a shell', () => {
  expect(splitCommandLine('xcalc')).toEqual(['xcalc']);
  expect(splitCommandLine('  xterm -geometry 80x24+0+0  ')).toEqual(['xterm', '-geometry', '80x24+0+0']);
  expect(splitCommandLine(`/usr/bin/python3 "my apps/app.py" --title 'Hello world'`)).toEqual(['/usr/bin/python3', 'my apps/app.py', '--title', 'Hello world']);
  expect(splitCommandLine(`sh -c 'cat > "$OUT"'`)).toEqual(['sh', '-c', 'cat > "$OUT"']);
  expect(splitCommandLine(String.raw`a\ b "q\"uote" ''`)).toEqual(['a b', 'q"uote', '']);
  expect(splitCommandLine('echo $HOME; rm -rf *')).toEqual(['echo', '$HOME;', 'rm', '-rf', '*']);
  expect(() => splitCommandLine(`app 'unclosed`)).toThrow(`The command line "app 'unclosed" has an unclosed ' quote.`);
  expect(() => splitCommandLine('   ')).toThrow('The command line is empty: `path` needs the program to start.');
});

const word = (text: string, x: number, y: number, width = 40, height = 20): RecognizedText => ({ text, confidence: 0.9, box: { x, y, width, height } });

test('visible text is found as one item, as words on one line, or inside an item', () => {
  const words = [word('Count:', 90, 24), word('2', 200, 24, 16), word('Add', 108, 87), word('one', 166, 90, 44, 14), word('Cancel', 10, 150)];
  expect(locateText(words, 'Cancel')).toEqual({ x: 30, y: 160 });
  expect(locateText(words, 'cancel')).toEqual({ x: 30, y: 160 });
  // Two words on one line: the centre of both boxes together.
  expect(locateText(words, 'Add one')).toEqual({ x: (108 + 210) / 2, y: (87 + 107) / 2 });
  expect(locateText(words, 'Count: 2')).toEqual({ x: (90 + 216) / 2, y: 34 });
  expect(locateText([word('Save…', 0, 0)], 'Save')).toEqual({ x: 20, y: 10 });
  // Words on different lines are not one phrase.
  expect(locateText(words, 'one Cancel')).toBeUndefined();
  expect(locateText(words, 'Delete')).toBeUndefined();
  expect(locateText(words, '  ')).toBeUndefined();
});

test('the desktop template validates without warnings', () => {
  const file = path.join(repoRoot, 'templates', 'desktop', 'x11-apps.yaml');
  const loaded = loadSuite(file, { cwd: path.dirname(file) });
  expect(loaded.warnings.map(formatIssue)).toEqual([]);
  expect(loaded.suite.apps.map((app) => `${app.type} ${app.name}`)).toEqual(['desktop calculator', 'desktop terminal']);
});

test('the fixtures package ships the accessibility helper next to dist/', () => {
  // The desktop platform runs scripts/atspi.py from the installed package.
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: path.join(repoRoot, 'packages', 'fixtures'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  ) as { files: { path: string; mode: number }[] }[];
  const helper = packed!.files.find((file) => file.path === 'scripts/atspi.py');
  expect(helper, 'scripts/atspi.py is in the tarball').toBeDefined();
  expect(packed!.files.map((file) => file.path)).toContain('dist/platforms/desktop/accessibility.js');
});
