import type { GatesResult, GateVerdict } from '@panoptic/model/gates';
import type { Run } from '../../domain/runs-read.js';
import { badge, esc, formatTime, href, num, table } from '../format.js';
import { projectPath } from './projects.js';

// A run's quality-gate verdict as it was stored when the run became complete (gates-evaluate.ts):
// the numbers shown are the ones the publish response and the notification gave, even if the
// project's gates have changed since.

const round = (value: number): string => String(Number(value.toFixed(1)));

function amount(value: number, unit: GateVerdict['unit']): string {
  if (unit === '%') return `${round(value)}%`;
  return unit === 's' ? `${round(value)} s` : String(value);
}

/** The runs list's mark for a run that failed a gate, with the failed gates' messages as its title. */
export function gateMark(gates: GatesResult | null): string {
  if (!gates || gates.passed) return '';
  const failed = gates.gates.filter((verdict) => !verdict.passed).map((verdict) => verdict.message);
  return ` <span class="badge failed" title="${esc(failed.join('; '))}">gate failed</span>`;
}

function newFailures(project: string, gates: GatesResult): string {
  if (!gates.newFailures.length) return '';
  const links = gates.newFailures.slice(0, 20).map((key) => `<li><a href="${esc(href(`${projectPath(project)}/test`, { key }))}">${esc(key)}</a></li>`);
  const more = gates.newFailures.length > 20 ? `<li>and ${gates.newFailures.length - 20} more</li>` : '';
  const since = gates.previousRun ? `the previous finished run (started ${esc(formatTime(gates.previousRun))})` : 'any earlier run (this is the first)';
  return `<p>New failures, not failing in ${since}:</p><ul>${links.join('')}${more}</ul>`;
}

export function runGates(project: string, run: Run): string {
  const gates = run.gates;
  if (!gates) {
    const why = run.complete ? 'this run was published before the server judged gates' : 'gates are judged when every shard has arrived';
    return `<h2>Quality gates</h2><p class="empty">Not judged: ${why}.</p>`;
  }
  if (!gates.gates.length) return `<h2>Quality gates</h2><p class="empty">No gate was set when this run was judged.</p>${newFailures(project, gates)}`;
  const failed = gates.gates.filter((verdict) => !verdict.passed).length;
  const verdict = failed ? `${badge('failed')} ${failed} of ${gates.gates.length} gates failed` : `${badge('passed')} all ${gates.gates.length} gates passed`;
  const rows = gates.gates.map(
    (item) => `<tr><td><code>${esc(item.gate)}</code></td><td class="num">${esc(amount(item.limit, item.unit))}</td>
<td class="num">${item.actual === null ? 'no test ran' : esc(amount(item.actual, item.unit))}</td><td>${badge(item.passed ? 'passed' : 'failed')}</td><td>${esc(item.message)}</td></tr>`,
  );
  return `<h2>Quality gates</h2><p class="verdict">Verdict: ${verdict}</p>
${table('Quality gates as judged when the run was complete', ['Gate', num('Limit'), num('Measured'), 'Result', 'Message'], rows, '')}${newFailures(project, gates)}`;
}
