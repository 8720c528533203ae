import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { marked, type Tokens } from 'marked';
import ts from 'typescript';
import { repoRoot } from '../helpers/inline.js';
import { PUBLISHED_PACKAGES } from '../helpers/packages.js';

// The options tables of the package READMEs are taken from the code: an option added, renamed or
// removed in an options interface fails here until its README row follows.

/** Property names of an exported interface, read from its source file without compiling it. */
function interfaceMembers(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name);
  if (!declaration) throw new Error(`${file} declares no interface ${name}`);
  return declaration.members.flatMap((member) => (member.name && ts.isIdentifier(member.name) ? [member.name.text] : []));
}

/** First-column names of each table in a package README, in order. */
function optionTables(readme: string): string[][] {
  const tokens = marked.lexer(fs.readFileSync(path.join(repoRoot, readme), 'utf8'));
  return tokens
    .filter((token): token is Tokens.Table => token.type === 'table' && token.header[0]?.text === 'option')
    .map((table) => table.rows.map((row) => row[0]!.text.replaceAll('`', '')));
}

const sorted = (names: string[]): string[] => [...new Set(names)].sort();

test("@panoptic/reporter's README lists every reporter option", () => {
  const [options] = optionTables('packages/reporter/README.md');
  expect(sorted(options ?? [])).toEqual(sorted(interfaceMembers('packages/reporter/src/options.ts', 'PanopticReporterOptions')));
});

test("@panoptic/ai's README lists every option of analyze, recognizeText and generate", () => {
  const [vision, ocr, generate] = optionTables('packages/ai/README.md');
  const types = 'packages/ai/src/vision/types.ts';
  // AnalyzeOptions extends Partial<VisionSettings>.
  expect(sorted(vision ?? [])).toEqual(sorted([...interfaceMembers(types, 'VisionSettings'), ...interfaceMembers(types, 'AnalyzeOptions')]));
  expect(sorted(ocr ?? [])).toEqual(sorted(interfaceMembers('packages/ai/src/ocr/types.ts', 'OcrOptions')));
  expect(sorted(generate ?? [])).toEqual(sorted(interfaceMembers('packages/ai/src/generate/types.ts', 'GenerateOptions')));
});

test('every package README shows how to install it and links back to the root README', () => {
  const lacking: string[] = [];
  for (const dir of PUBLISHED_PACKAGES) {
    const readme = fs.readFileSync(path.join(repoRoot, 'packages', dir, 'README.md'), 'utf8');
    if (!/\[root README\]\(https:\/\/[^)]+#readme\)/.test(readme)) lacking.push(`${dir}: no link to the root README`);
    if (!/^npm install .*(@panoptic\/|panoptic)/m.test(readme)) lacking.push(`${dir}: no npm install line`);
    if (!readme.includes('## License')) lacking.push(`${dir}: no License section`);
  }
  expect(lacking).toEqual([]);
});
