import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../helpers/inline.js';

// A function that needs more than this many lines does more than one job: split it. Generated code
// (the bundled in-page script) is left out.
const MAX_FUNCTION_LINES = 150;

function sourceFiles(): string[] {
  const packages = path.join(repoRoot, 'packages');
  return fs
    .readdirSync(packages, { recursive: true })
    .map(String)
    .filter((file) => file.split(path.sep).includes('src') && file.endsWith('.ts') && !file.includes(`${path.sep}generated${path.sep}`) && !file.includes('node_modules'))
    .map((file) => path.join(packages, file));
}

function longFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      if (last - first + 1 > MAX_FUNCTION_LINES) found.push(`${path.relative(repoRoot, file)}:${first + 1} (${last - first + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test(`no function in packages/ is over ${MAX_FUNCTION_LINES} lines`, () => {
  const files = sourceFiles();
  expect(files.length).toBeGreaterThan(50);
  expect(files.flatMap(longFunctions)).toEqual([]);
});
