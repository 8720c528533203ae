import type { Summary } from './summary.js';
import type { RenderContext } from './outputs/html/context.js';
import { esc } from './outputs/html/escape.js';
import { section } from './outputs/html/parts.js';
import { markdownText } from './outputs/markdown-escape.js';

const MAX_LISTED = 10;

function compared(gates: NonNullable<Summary['gates']>): string {
  return gates.previousRun ? `the run of ${gates.previousRun}` : 'no earlier run (every failure counts as new)';
}

/** summary.md's lines for the quality gates, right under the headline; none when no gate is set. */
export function gatesMarkdown(summary: Summary): string[] {
  const gates = summary.gates;
  if (!gates) return [];
  const lines = ['', `### Quality gates: ${gates.passed ? 'passed' : 'failed'}`, ''];
  for (const gate of gates.gates) lines.push(`- ${gate.passed ? '✅' : '❌'} ${markdownText(gate.message)}`);
  if (gates.newFailures.length) {
    lines.push(`- New failures against ${markdownText(compared(gates))}: ${gates.newFailures.length}`);
    lines.push(...gates.newFailures.slice(0, MAX_LISTED).map((key) => `  - ${markdownText(key)}`));
    if (gates.newFailures.length > MAX_LISTED) lines.push(`  - … and ${gates.newFailures.length - MAX_LISTED} more`);
  }
  return lines;
}

/** The HTML report's section of quality gates, each with its verdict and numbers. */
export function gatesSection(ctx: RenderContext): string {
  const gates = ctx.summary.gates;
  if (!gates) return '';
  const rows = gates.gates.map((gate) => {
    const verdict = gate.passed ? 'passed' : 'failed';
    return `<li data-gate="${esc(gate.gate)}" data-verdict="${verdict}"><span class="badge ${verdict}">${verdict}</span> <code>${esc(gate.message)}</code></li>`;
  });
  const fresh = gates.newFailures.slice(0, MAX_LISTED).map((key) => `<li>${esc(key)}</li>`);
  const more = gates.newFailures.length > MAX_LISTED ? `<li>… and ${gates.newFailures.length - MAX_LISTED} more</li>` : '';
  const newList = gates.newFailures.length ? `<p>New failures against ${esc(compared(gates))}:</p><ul>${fresh.join('')}${more}</ul>` : '';
  const title = `Quality gates: ${gates.passed ? 'passed' : 'failed'}`;
  return section('gates', title, `<ul class="plain">${rows.join('')}</ul>${newList}`, 'A failed gate fails the run even when every test passed.');
}
