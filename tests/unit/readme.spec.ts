import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import GithubSlugger from 'github-slugger';
import type { Tokens } from 'marked';
import ts from 'typescript';
import { ACTION_TYPES, formatIssue, ORIGINAL_ACTION_TYPES, parseSuite, SuiteValidationError } from '@panoptic/config';
import { repoRoot } from '../helpers/inline.js';
import { codeBlocks, fileBlocks, readmeTokens, sectionTokens } from '../helpers/readme.js';

// The README is what a newcomer reads first: its contents must lead somewhere, its tables must
// render whole, and every suite and config in it must be one Panoptic and TypeScript accept.

const tokens = readmeTokens();
const headings = tokens.filter((token): token is Tokens.Heading => token.type === 'heading');

test('the table of contents links every section, and every link leads to a heading', () => {
  const slugger = new GithubSlugger();
  const anchors = new Set(headings.map((heading) => slugger.slug(heading.text.replaceAll('`', ''))));
  const contents = sectionTokens(tokens, 'Contents')
    .map((token) => token.raw)
    .join('');
  const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]!);
  expect(links.filter((link) => !anchors.has(link)), 'links to no heading').toEqual([]);
  const sections = headings.filter((heading) => heading.depth === 2 && heading.text !== 'Contents');
  const unlisted = sections.filter((heading) => !links.includes(new GithubSlugger().slug(heading.text.replaceAll('`', ''))));
  expect(unlisted.map((heading) => heading.text), 'sections missing from the contents').toEqual([]);
});

test('every link to a file of the repository leads to one', () => {
  const prose = tokens
    .filter((token) => token.type !== 'code')
    .map((token) => token.raw)
    .join('');
  const targets = [...prose.matchAll(/\]\((?!https?:|#|mailto:)([^)\s#]+)/g)].map((match) => match[1]!);
  expect(targets.length).toBeGreaterThan(0);
  expect(targets.filter((target) => !fs.existsSync(path.join(repoRoot, target)))).toEqual([]);
});

test('every table renders whole: each row has the cells of its header', () => {
  const broken: string[] = [];
  for (const table of tokens.filter((token): token is Tokens.Table => token.type === 'table')) {
    // GFM splits cells at every unescaped pipe, inside code spans too.
    const cells = (line: string): number => line.trim().split(/(?<!\\)\|/).length;
    const [header, , ...rows] = table.raw.trim().split('\n');
    for (const row of rows) if (cells(row) !== cells(header!)) broken.push(row);
    expect(rows.length, `rows of the table under "${header}"`).toBe(table.rows.length);
  }
  expect(broken, 'rows whose cell count differs from their header').toEqual([]);
});

test('the actions table has one row for each of the action types', () => {
  const yamlSection = sectionTokens(tokens, 'YAML suites with `npx playwright test`');
  const start = yamlSection.findIndex((token) => token.type === 'heading' && (token as Tokens.Heading).text === 'Actions');
  const table = yamlSection.slice(start).find((token): token is Tokens.Table => token.type === 'table');
  const types = table?.rows.map((row) => row[0]!.text.replaceAll('`', '')) ?? [];
  expect([...types].sort()).toEqual([...ACTION_TYPES].sort());
  expect(ORIGINAL_ACTION_TYPES.length).toBe(27);
});

test('every YAML block is a suite (or a settings excerpt of one) that validates', () => {
  const failures: string[] = [];
  for (const [index, block] of codeBlocks(tokens, 'yaml').entries()) {
    // An excerpt of settings gets an app, so that what it shows is validated in a whole suite.
    const text = /^apps:/m.test(block.text) ? block.text : `apps:\n  - { name: web, type: web, url: "http://127.0.0.1:4173/" }\n${block.text}\n`;
    try {
      parseSuite(text, `README-block-${index + 1}.yaml`, { cwd: repoRoot });
    } catch (error) {
      if (!(error instanceof SuiteValidationError)) throw error;
      failures.push(...error.issues.map(formatIssue), `in:\n${block.text}`);
    }
  }
  expect(failures).toEqual([]);
});

test('every file the README shows in full (a config, a spec) type-checks against the packages', () => {
  const blocks = fileBlocks(tokens).filter((block) => block.file.endsWith('.ts'));
  expect(blocks.map((block) => block.file)).toEqual(expect.arrayContaining(['playwright.config.ts', 'tests/first.spec.ts']));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-readme-'));
  try {
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const files = blocks.map((block, index) => {
      const file = path.join(dir, `block-${index + 1}`, block.file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, block.text);
      return file;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file ? `${path.relative(dir, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    });
    expect(diagnostics).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
