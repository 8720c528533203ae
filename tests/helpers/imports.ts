import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * How a module is pulled in:
 * - `type`: `import type` / `export type` / `typeof import()`: erased at build time.
 * - `static`: loaded when the importing module loads (`import`, `export ... from`, `require`).
 * - `dynamic`: `import()` at run time, only when the code path runs.
 */
export type ImportKind = 'type' | 'static' | 'dynamic';

export interface ImportRef {
  file: string;
  line: number;
  specifier: string;
  kind: ImportKind;
}

/**
 * Every module specifier a TypeScript source names. Uses the compiler's parser, not regexes, so
 * comments, strings and `import { type X }` are told apart. Under `verbatimModuleSyntax`,
 * `import { type X } from 'm'` still loads `m` at run time, so only a whole-clause `import type`
 * counts as type-only.
 */
export function scanImports(file: string, source: string = fs.readFileSync(file, 'utf8')): ImportRef[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  const add = (literal: ts.Expression | undefined, kind: ImportKind) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = sf.getLineAndCharacterOfPosition(literal.getStart(sf)).line + 1;
    refs.push({ file, line, specifier: literal.text, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 'static');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly ? 'type' : 'static');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, 'type');
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], 'dynamic');
      const isRequire =
        (ts.isIdentifier(callee) && callee.text === 'require') ||
        (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require');
      if (isRequire) add(node.arguments[0], 'static');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`; undefined for relative and absolute paths. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** TypeScript sources under `dir`, declaration files excluded, in a stable order. */
export function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(m|c)?tsx?$/.test(name) && !/\.d\.(m|c)?ts$/.test(name))
    .map((name) => path.join(dir, name))
    .sort();
}
