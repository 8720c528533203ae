// `npm run bench -- --check`: what each target's latest measurement decides.
import { execFileSync } from 'node:child_process';
import { repoRoot } from './result.mjs';
import { readResults, targetRows } from './verdicts.mjs';

/** Prints one line per target; returns the exit code: 1 when a target is missed, else 0. */
export function printCheck() {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  const rows = targetRows(readResults(), head);
  for (const row of rows) {
    if (!row.id) {
      process.stdout.write(`${row.bench.padEnd(18)} ${row.label}${row.stale ? `  (${row.stale})` : ''}\n`);
      continue;
    }
    const verdict = row.verdict.toUpperCase().padEnd(12);
    process.stdout.write(`${row.bench.padEnd(18)} ${verdict} ${row.figure} (target ${row.bound}) ${row.label}${row.stale ? `  (${row.stale})` : ''}\n`);
  }
  const count = (verdict) => rows.filter((row) => row.verdict === verdict).length;
  process.stdout.write(`\n${count('met')} met, ${count('missed')} missed, ${count('undecided')} undecided; ${rows.filter((row) => row.stale).length} rows from results not measured at HEAD (${head.slice(0, 7)}).\n`);
  return count('missed') ? 1 : 0;
}
