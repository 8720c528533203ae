import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { parseSuite, SuiteValidationError } from '@panoptic/config';
import { repoRoot } from '../../helpers/inline.js';

// Hostile or broken suites: a few hundred mutations of the shipped templates (lines deleted,
// duplicated, swapped, re-indented; scalars turned into other types; odd characters inserted).
// Whatever the text, the loader answers with a valid suite or a located SuiteValidationError,
// never another exception. The PRNG is seeded, so a failure names a case that replays.

const SEED = 0x5eed_2026;
const MUTATIONS_PER_TEMPLATE = 45;

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const SCALARS = [
  '123', '-1', '0', '1e309', '-.inf', '.nan', '2200000', '9007199254740993', 'true', 'no', 'null', '~', "''", '""',
  '[]', '{}', '[1, [2, [3]]]', '{ a: { b: c } }', '"\\u202Egnp.exe"', '"\\0"', '../../etc/passwd', '/abs/path', 'C:\\x',
  'file:///etc/passwd', 'javascript:alert(1)', '*missing_alias', '&anchor value', '!!binary aGVsbG8=', '!!set { a, b }',
  '!custom tag', '"%2e%2e/x"', '日本語', '"a\\tb"', '|\n  block', '>-\n  folded', "'unterminated", '"unterminated',
  '- list item', 'x'.repeat(300), '0x1F', '0o17', '1_000', '2026-01-01', '12:30:00', '&self [*self]',
  `${'['.repeat(300)}${']'.repeat(300)}`, `${'{a: '.repeat(100)}1${'}'.repeat(100)}`, '{ __proto__: { polluted: true } }',
];

const ODD = ['\u202E', '\u200B', '\u0000', '\t', '\r', '\uFEFF', '\uD800', '\uFFFF', '😀', ':', '#', '{', ']', '"', "'", '&', '*', '!', '|', '>', '%', '@', '`', '<<: *x', '\\'];

function mutate(text: string, random: Random): string {
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  const line = lines[at] ?? '';
  switch (Math.floor(random() * 8)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, line);
      break;
    case 2: {
      const other = Math.floor(random() * lines.length);
      lines[at] = lines[other] ?? '';
      lines[other] = line;
      break;
    }
    case 3: {
      // Change a scalar to another type, or give a key a value of another shape.
      const colon = line.indexOf(': ');
      lines[at] = colon === -1 ? `${line} ${pick(random, SCALARS)}` : `${line.slice(0, colon + 2)}${pick(random, SCALARS)}`;
      break;
    }
    case 4: {
      const column = Math.floor(random() * (line.length + 1));
      lines[at] = `${line.slice(0, column)}${pick(random, ODD)}${line.slice(column)}`;
      break;
    }
    case 5:
      lines[at] = random() < 0.5 ? ` ${line}` : line.replace(/^ {1,2}/, '');
      break;
    case 6:
      return lines.slice(0, at).join('\n');
    default:
      lines.splice(at, 0, `${line.match(/^\s*/)?.[0] ?? ''}${pick(random, ['extra_key', 'name', 'type', '<<', '? complex', '- ', '__proto__', 'constructor', 'hasOwnProperty', 'toString'])}: ${pick(random, SCALARS)}`);
  }
  return lines.join('\n');
}

interface Outcome {
  kind: 'valid' | 'located' | 'unlocated' | 'crash';
  detail: string;
}

function load(text: string, cwd: string): Outcome {
  try {
    parseSuite(text, 'fuzz.yaml', { cwd });
    return { kind: 'valid', detail: '' };
  } catch (error) {
    if (!(error instanceof SuiteValidationError)) {
      return { kind: 'crash', detail: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
    }
    const unlocated = error.issues.find(
      (issue) => issue.file !== 'fuzz.yaml' || !(issue.line >= 1 && issue.column >= 1) || issue.message === '',
    );
    return unlocated ? { kind: 'unlocated', detail: JSON.stringify(unlocated) } : { kind: 'located', detail: '' };
  }
}

test('hundreds of mutated templates each load as a valid suite or a located validation error, never another exception', () => {
  const templates = ['', 'desktop']
    .flatMap((folder) => fs.readdirSync(path.join(repoRoot, 'templates', folder)).filter((name) => name.endsWith('.yaml')).map((name) => path.join(folder, name)))
    .sort();
  expect(templates.length).toBeGreaterThanOrEqual(5);
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-fuzz-'));
  const random = prng(SEED);
  const counts = { valid: 0, located: 0 };
  const failures: string[] = [];
  const started = Date.now();
  for (const template of templates) {
    const original = fs.readFileSync(path.join(repoRoot, 'templates', template), 'utf8');
    for (let i = 0; i < MUTATIONS_PER_TEMPLATE; i++) {
      // One to three mutations stacked, so broken structure meets broken values too.
      let text = original;
      const rounds = 1 + Math.floor(random() * 3);
      for (let round = 0; round < rounds; round++) text = mutate(text, random);
      const outcome = load(text, cwd);
      if (outcome.kind === 'valid' || outcome.kind === 'located') counts[outcome.kind]++;
      else failures.push(`${template} #${i} (${outcome.kind}): ${outcome.detail}\n--- text ---\n${text}`);
    }
  }
  fs.rmSync(cwd, { recursive: true, force: true });
  expect(failures.slice(0, 3).join('\n\n')).toBe('');
  // The mutations must reach both answers, or the test proves nothing.
  expect(counts.valid).toBeGreaterThan(10);
  expect(counts.located).toBeGreaterThan(100);
  expect(Date.now() - started).toBeLessThan(20_000);
  // `__proto__` keys in a suite stay data: nothing leaks into every object of the process.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
