import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { allureCategories } from '@panoptic/ai/allure';
import { CATEGORY_TITLES, classify, normalizeMessage } from '@panoptic/ai/classify';
import { readCorpus } from '../../../packages/ai/scripts/corpus-split.mjs';

// Allure decides categories from categories.json alone: Allure 2 (Java) takes every category whose
// messageRegex matches the whole message with DOTALL, Allure 3 every one whose regex, with the `s`
// flag, finds a match. Panoptic's categories must put each failure in exactly the category
// classify() gives it, in both. The messages are the classifier's corpus of real Playwright output,
// without code frames (Playwright's TestError.message, which Allure reads, carries none).

const categories = allureCategories();
const messages = [
  ...(readCorpus() as { message: string }[]).map((entry) => normalizeMessage(entry.message)),
  // No rule fires: Unclassified. A thrown string: the one pattern with a backreference.
  'Something odd happened',
  "'boom'",
  '"half quoted\'',
];

function expected(message: string): string {
  return CATEGORY_TITLES[classify(message).category];
}

test('every corpus failure lands in exactly its classify() category, with Allure 2 and Allure 3 matching', () => {
  const allure2 = categories.map((category) => new RegExp(`^(?:${category.messageRegex})$`, 's'));
  const allure3 = categories.map((category) => new RegExp(category.messageRegex, 's'));
  const wrong: string[] = [];
  for (const message of messages) {
    const want = [expected(message)];
    const got2 = categories.filter((_, i) => allure2[i]!.test(message)).map((c) => c.name);
    const got3 = categories.filter((_, i) => allure3[i]!.test(message)).map((c) => c.name);
    if (JSON.stringify(got2) !== JSON.stringify(want) || JSON.stringify(got3) !== JSON.stringify(want)) {
      wrong.push(`${want[0]} <- ${message.split('\n')[0]}: Allure 2 ${got2.join(', ')}; Allure 3 ${got3.join(', ')}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(new Set(messages.map(expected)).size).toBe(categories.length);
});

test('the categories are the classifier list, each for failed and broken tests', () => {
  expect(categories.map((c) => c.name)).toEqual(Object.values(CATEGORY_TITLES));
  for (const category of categories) expect(category.matchedStatuses).toEqual(['failed', 'broken']);
});

const JAVA_CHECK = `
import java.nio.file.*; import java.util.*; import java.util.regex.*;
public class Check {
  static String dec(String s) { return new String(Base64.getDecoder().decode(s), java.nio.charset.StandardCharsets.UTF_8); }
  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    int count = Integer.parseInt(lines.get(0));
    List<Pattern> patterns = new ArrayList<>();
    for (int i = 1; i <= count; i++) patterns.add(Pattern.compile(dec(lines.get(i)), Pattern.DOTALL));
    for (int i = count + 1; i < lines.size(); i++) {
      StringJoiner matched = new StringJoiner(",");
      for (int k = 0; k < count; k++) if (patterns.get(k).matcher(dec(lines.get(i))).matches()) matched.add(String.valueOf(k));
      System.out.println(matched);
    }
  }
}
`;

// Allure 2 compiles the regexes with java.util.regex, whose syntax differs from JavaScript's in places.
test('java.util.regex reads the categories as Allure 2 does and agrees', () => {
  const java = spawnSync('java', ['-version']);
  test.skip(java.error !== undefined, 'needs a JDK (java on PATH) to run Allure 2 matching');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-allure-java-'));
  const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  const input = [String(categories.length), ...categories.map((c) => base64(c.messageRegex)), ...messages.map(base64)];
  fs.writeFileSync(path.join(dir, 'input.txt'), `${input.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'Check.java'), JAVA_CHECK);
  const run = spawnSync('java', [path.join(dir, 'Check.java'), path.join(dir, 'input.txt')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const names = run.stdout
    .trim()
    .split('\n')
    .map((line) => (line ? line.split(',').map((index) => categories[Number(index)]!.name) : []));
  expect(names).toEqual(messages.map((message) => [expected(message)]));
});
