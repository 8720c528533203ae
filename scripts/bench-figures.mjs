#!/usr/bin/env node
// Writes the benchmarks' figures table into bench/README.md, between the markers this script owns,
// from bench/results/*.json: the README's figures come from the result files and cannot drift from
// them. `--check` writes nothing and exits 1 when the README's table is not the one the files give.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../bench/lib/result.mjs';
import { readResults, targetRows } from '../bench/lib/verdicts.mjs';

export const README = path.join(repoRoot, 'bench', 'README.md');
const START = '<!-- bench-figures:start (written by scripts/bench-figures.mjs from bench/results; do not edit) -->';
const END = '<!-- bench-figures:end -->';

const cell = (text) => String(text).replaceAll('|', '\\|');

/** The table as Markdown, from result files. */
export function figuresTable(results = readResults()) {
  const lines = ['| benchmark | target | figure [95% CI] | bound | verdict | measured |', '|---|---|---|---|---|---|'];
  for (const row of targetRows(results)) {
    lines.push(`| ${[row.bench, row.label, row.figure || '—', row.bound || '—', row.verdict || '—', row.provenance].map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The README's text with the table between the markers replaced. */
export function withTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`bench/README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const readme = fs.readFileSync(README, 'utf8');
  const next = withTable(readme, figuresTable());
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('bench/README.md: the figures table differs from bench/results; run node scripts/bench-figures.mjs\n');
      process.exit(1);
    }
  } else if (next !== readme) {
    fs.writeFileSync(README, next);
    process.stdout.write('bench/README.md: figures table rewritten\n');
  }
}
