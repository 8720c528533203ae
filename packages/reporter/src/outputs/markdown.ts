import fs from 'node:fs/promises';
import path from 'node:path';
import { formatDuration, formatRate } from '../format.js';
import type { Summary, TestSummary } from '../summary.js';
import { markdownCode, markdownText } from './markdown-escape.js';
import { yamlHintKeys } from './yaml-hint.js';
import { gatesMarkdown } from '../gates-render.js';
import { testsByKey } from '../tests-by-key.js';

const MAX_LISTED = 10;

// Titles, app names, errors and hints come from users and pages: shown as text, never as Markdown or HTML.
const cell = markdownText;

function listOf(keys: readonly string[], byKey: Map<string, TestSummary>, describe: (test: TestSummary) => string): string[] {
  const lines = keys.slice(0, MAX_LISTED).map((key) => {
    const test = byKey.get(key);
    return `- ${cell(key)}${test ? ` — ${describe(test)}` : ''}`;
  });
  if (keys.length > MAX_LISTED) lines.push(`- … and ${keys.length - MAX_LISTED} more`);
  return lines;
}

/** A failed test's first error line, and the locator to try when a healing hint found one. */
function failureLine(test: TestSummary): string {
  const first = test.attempts.at(-1)?.errors[0]?.message.split('\n')[0] ?? test.status;
  const hint = test.failure?.hint;
  const inSuite = yamlHintKeys(test).map((keys) => markdownCode(keys)).join(' or ');
  return hint ? `${markdownText(first)} (try ${markdownCode(hint.locator)}${inSuite ? `; in the suite, ${inSuite}` : ''})` : markdownText(first);
}

/** A compact Markdown summary, short enough for a CI job summary or a pull request comment. */
export function renderMarkdown(summary: Summary): string {
  const { totals, run } = summary;
  // Only the tests listed are looked up: listOf shows the first MAX_LISTED keys of each list.
  const lists = [...summary.failures.map((group) => group.tests), summary.flaky, summary.history.newlyFailing, summary.history.newlyFixed];
  const byKey = testsByKey(summary.tests, lists.flatMap((keys) => keys.slice(0, MAX_LISTED)));
  const icon = run.status === 'passed' ? '✅' : '❌';
  const lines = [
    `## ${icon} Panoptic: ${totals.passed} passed, ${totals.failed} failed, ${totals.flaky} flaky, ${totals.skipped} skipped`,
    '',
    `Success rate **${formatRate(totals.successRate)}** · flaky rate **${formatRate(totals.flakyRate)}** · ${formatDuration(run.durationMs)} · p50 ${formatDuration(totals.durationMs.p50)} · p95 ${formatDuration(totals.durationMs.p95)}`,
    '',
    '| project | total | passed | failed | flaky | skipped | success | p95 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...summary.projects.map(
      (p) =>
        `| ${cell(p.name || '(default)')} | ${p.total} | ${p.passed} | ${p.failed} | ${p.flaky} | ${p.skipped} | ${formatRate(p.successRate)} | ${formatDuration(p.durationMs.p95)} |`,
    ),
    ...gatesMarkdown(summary),
  ];
  for (const group of summary.failures) {
    lines.push('', `### Failures: ${group.kind} (${group.count})`, '');
    lines.push(...listOf(group.tests, byKey, failureLine));
  }
  if (summary.healed) {
    const healed = summary.tests.flatMap((test) =>
      (test.healed ?? []).map((step) => {
        const change = step.yaml.map((keys) => markdownCode(keys)).join(' or ');
        return `- ${cell(test.key)} › ${cell(step.action)}: ${markdownCode(step.from)} → ${markdownCode(step.to)}; in the suite, ${change}`;
      }),
    );
    lines.push('', `### Healed steps (${summary.healed})`, '', ...healed.slice(0, MAX_LISTED));
    if (healed.length > MAX_LISTED) lines.push(`- … and ${healed.length - MAX_LISTED} more`);
  }
  if (summary.flaky.length) {
    lines.push('', `### Flaky (${summary.flaky.length})`, '');
    lines.push(...listOf(summary.flaky, byKey, (test) => `${test.attempts.length} attempts`));
  }
  if (summary.history.newlyFailing.length) {
    lines.push('', `### Newly failing (${summary.history.newlyFailing.length})`, '', ...listOf(summary.history.newlyFailing, byKey, () => 'passed last run'));
  }
  if (summary.history.newlyFixed.length) {
    lines.push('', `### Newly fixed (${summary.history.newlyFixed.length})`, '', ...listOf(summary.history.newlyFixed, byKey, () => 'failed last run'));
  }
  return `${lines.join('\n')}\n`;
}

export async function writeMarkdown(summary: Summary, file: string, stepSummary: string | undefined): Promise<void> {
  const text = renderMarkdown(summary);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  if (stepSummary) await fs.appendFile(stepSummary, text);
}
