import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { packageNameOf, scanImports, sourceFiles, type ImportKind, type ImportRef } from '../helpers/imports.js';
import { repoRoot } from '../helpers/inline.js';

// The dependency direction and install-weight rules of DESIGN.md, checked on the sources' imports.
// Each test lists every violation as file:line so one run shows all there is to fix.

interface Pkg {
  dir: string;
  name: string;
  declared: Set<string>;
  manifest: string;
  json: { name: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  imports: ImportRef[];
}

const packagesDir = path.join(repoRoot, 'packages');
const packages: Pkg[] = fs
  .readdirSync(packagesDir)
  .filter((dir) => fs.existsSync(path.join(packagesDir, dir, 'package.json')))
  .sort()
  .map((dir) => {
    const manifest = path.join(packagesDir, dir, 'package.json');
    const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Pkg['json'];
    const declared = new Set([json.name, ...Object.keys(json.dependencies ?? {}), ...Object.keys(json.peerDependencies ?? {})]);
    const imports = sourceFiles(path.join(packagesDir, dir, 'src')).flatMap((file) => scanImports(file));
    return { dir, name: json.name, declared, manifest, json, imports };
  });

/** The published name of `packages/<dir>`, also when that package does not exist yet. */
function nameOf(dir: string): string[] {
  const found = packages.find((pkg) => pkg.dir === dir);
  return [...new Set([found?.name ?? `@panoptic/${dir}`, `@panoptic/${dir}`])];
}

const HEAVY = ['tesseract.js', '@aws-sdk/*', '@azure/*', 'webdriverio', 'appium'];
// model holds the contracts every other package reads and writes: it stands on nothing of Panoptic's.
const FORBIDDEN: Record<string, string[]> = {
  model: ['config', 'ai', 'cloud', 'fixtures', 'reporter', 'server', 'cli'],
  config: ['fixtures', 'reporter', 'server', 'cli'],
  ai: ['fixtures', 'reporter', 'server', 'cli'],
  cloud: ['fixtures', 'reporter', 'server', 'cli'],
  fixtures: ['reporter', 'server', 'cli'],
  // The reporter reaches the server over HTTP only: a run never depends on the server being up.
  reporter: ['fixtures', 'server', 'cli'],
  // The server stands on model, cloud and ai; suites are read for it by the cli.
  server: ['config', 'fixtures', 'reporter', 'cli'],
};
// Allowed through `await import()` (and types) only: the enterprise actions open the server's domain when a suite plays one.
const LAZY_ONLY: Record<string, string[]> = { fixtures: ['server'] };

function isHeavy(name: string): boolean {
  return HEAVY.some((heavy) => (heavy.endsWith('/*') ? name.startsWith(heavy.slice(0, -1)) : name === heavy));
}

function where(ref: ImportRef): string {
  return `${path.relative(repoRoot, ref.file)}:${ref.line}`;
}

function describeRef(ref: ImportRef): string {
  const how: Record<ImportKind, string> = { type: 'type-only import', static: 'static import', dynamic: 'dynamic import()' };
  return `${where(ref)}: ${how[ref.kind]} of "${ref.specifier}"`;
}

test('the scan sees every kind of import', () => {
  const source = [
    "import a from 'static-a';",
    "import { type B } from 'kept-at-runtime';",
    "import type { C } from 'type-c';",
    "export { d } from 'static-d';",
    "export type { E } from 'type-e';",
    "const f = await import('dynamic-f');",
    "let g: typeof import('type-g');",
    "const h = require('static-h');",
    "// import x from 'in-a-comment';",
    "const s = \"import y from 'in-a-string'\";",
  ].join('\n');
  const refs = scanImports('inline.ts', source).map(({ specifier, kind, line }) => `${line} ${kind} ${specifier}`);
  expect(refs).toEqual([
    '1 static static-a',
    '2 static kept-at-runtime',
    '3 type type-c',
    '4 static static-d',
    '5 type type-e',
    '6 dynamic dynamic-f',
    '7 type type-g',
    '8 static static-h',
  ]);
  expect(packageNameOf('@aws-sdk/client-s3/dist')).toBe('@aws-sdk/client-s3');
  expect(packageNameOf('tesseract.js')).toBe('tesseract.js');
  expect(packageNameOf('./x.js')).toBeUndefined();
});

test('the packages the rules are about have sources to check', () => {
  for (const dir of ['model', 'config', 'fixtures', 'cli']) {
    expect(packages.find((pkg) => pkg.dir === dir)?.imports.length ?? 0, `packages/${dir}/src should have imports`).toBeGreaterThan(0);
  }
});

test('lower layers never import the layers above them', () => {
  const violations: string[] = [];
  for (const pkg of packages) {
    const forbiddenDirs = FORBIDDEN[pkg.dir] ?? [];
    const forbidden = new Set(forbiddenDirs.flatMap(nameOf));
    const lazy = new Set((LAZY_ONLY[pkg.dir] ?? []).flatMap(nameOf));
    for (const ref of pkg.imports) {
      const name = packageNameOf(ref.specifier);
      if (name && lazy.has(name) && ref.kind !== 'static') continue;
      if (name && forbidden.has(name)) {
        violations.push(`${describeRef(ref)}: packages/${pkg.dir} must not depend on ${forbiddenDirs.join(', ')}`);
      }
    }
  }
  expect(violations).toEqual([]);
});

test('model depends on zod alone: no Panoptic package, no Playwright', () => {
  const model = packages.find((pkg) => pkg.dir === 'model');
  expect(Object.keys(model?.json.dependencies ?? {})).toEqual(['zod']);
  expect(model?.json.peerDependencies).toBeUndefined();
  const violations = (model?.imports ?? [])
    .filter((ref) => !ref.specifier.startsWith('node:') && packageNameOf(ref.specifier) !== undefined && packageNameOf(ref.specifier) !== 'zod')
    .map((ref) => `${describeRef(ref)}: packages/model is the ground floor; only zod may be imported`);
  expect(violations).toEqual([]);
});

test('config uses Playwright for types only', () => {
  const config = packages.find((pkg) => pkg.dir === 'config');
  const violations = (config?.imports ?? [])
    .filter((ref) => ['@playwright/test', 'playwright', 'playwright-core'].includes(packageNameOf(ref.specifier) ?? ''))
    .filter((ref) => ref.kind !== 'type')
    .map((ref) => `${describeRef(ref)}: packages/config runs without a browser; use \`import type\``);
  expect(violations).toEqual([]);
});

test('heavy modules are loaded with import() at first use', () => {
  // Type-only imports are erased at build time, so they cost a test that never uses the module nothing.
  const violations = packages.flatMap((pkg) =>
    pkg.imports
      .filter((ref) => ref.kind === 'static' && isHeavy(packageNameOf(ref.specifier) ?? ''))
      .map((ref) => `${describeRef(ref)}: load it with \`await import()\` where it is first needed`),
  );
  expect(violations).toEqual([]);
});

test('heavy modules are never regular dependencies', () => {
  const violations: string[] = [];
  for (const pkg of packages) {
    const text = fs.readFileSync(pkg.manifest, 'utf8');
    for (const name of Object.keys(pkg.json.dependencies ?? {}).filter(isHeavy)) {
      const line = text.split('\n').findIndex((l) => l.includes(`"${name}"`)) + 1;
      violations.push(
        `${path.relative(repoRoot, pkg.manifest)}:${line}: "${name}" is in dependencies; make it an optional peer dependency so web-only installs skip it`,
      );
    }
  }
  expect(violations).toEqual([]);
});

test('every imported package is declared in its package.json', () => {
  const violations: string[] = [];
  for (const pkg of packages) {
    const root = path.join(packagesDir, pkg.dir);
    for (const ref of pkg.imports) {
      if (ref.specifier.startsWith('node:')) continue;
      const name = packageNameOf(ref.specifier);
      if (name === undefined) {
        const target = path.resolve(path.dirname(ref.file), ref.specifier);
        if (path.relative(root, target).startsWith('..')) {
          violations.push(`${describeRef(ref)}: reaches outside packages/${pkg.dir}; import the package by name`);
        }
      } else if (!pkg.declared.has(name)) {
        violations.push(
          isBuiltin(name)
            ? `${describeRef(ref)}: write "node:${ref.specifier}" for Node's built-in module`
            : `${describeRef(ref)}: "${name}" is not in ${path.relative(repoRoot, pkg.manifest)} dependencies or peerDependencies`,
        );
      }
    }
  }
  expect(violations).toEqual([]);
});

test('the reporter uses @panoptic/ai for errors only: through its classify entry point', () => {
  const reporter = packages.find((pkg) => pkg.dir === 'reporter');
  const violations = (reporter?.imports ?? [])
    .filter((ref) => packageNameOf(ref.specifier) === '@panoptic/ai' && ref.specifier !== '@panoptic/ai/classify')
    .map((ref) => `${describeRef(ref)}: import "@panoptic/ai/classify", which loads no vision or generation code`);
  expect(violations).toEqual([]);
  expect(reporter?.imports.some((ref) => ref.specifier === '@panoptic/ai/classify')).toBe(true);
});
