import { GATE_NAMES, type GateName } from '@panoptic/model/gates';
import type { ProjectGatesEntry } from '../../domain/gates.js';
import { esc, formatTime, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { projectPath } from './projects.js';
import { projectTabs } from './runs.js';

// A project's quality gates: what each is, its limit or "off", and for gates:manage the form that
// sets all four (an empty field is a gate that is off, as the API's null is).

const GATES: Record<GateName, { label: string; unit: string; rule: string; input: string }> = {
  min_pass_rate: { label: 'Minimum pass rate', unit: '%', rule: 'Percent of the tests that ran (not skipped) that must pass; flaky ones count as passed.', input: 'type="number" min="0" max="100" step="any"' },
  max_new_failures: { label: 'Maximum new failures', unit: ' tests', rule: 'Most tests failing that did not fail in the previous finished run (of the branch); quarantined tests are not counted.', input: 'type="number" min="0" step="1"' },
  max_flaky_rate: { label: 'Maximum flaky rate', unit: '%', rule: 'Most percent of the tests that ran that may be flaky (passed on a retry).', input: 'type="number" min="0" max="100" step="any"' },
  max_duration: { label: 'Maximum duration', unit: ' s', rule: 'Longest the run may take.', input: 'type="text" placeholder="e.g. 900, 90s, 15m, 1h"' },
};

function form(viewer: Viewer, entry: ProjectGatesEntry): string {
  const fields = GATE_NAMES.map((name) => {
    const gate = GATES[name];
    const unit = name === 'max_duration' ? 'seconds, or 90s, 15m, 1h' : gate.unit.trim();
    return `<label>${esc(gate.label)} (${esc(unit)}) <input name="${name}" ${gate.input} value="${esc(String(entry.gates[name] ?? ''))}"></label>`;
  });
  return `<h2>Change the gates</h2><p class="note">An empty field turns that gate off. Runs published from now on are judged by the new values; runs already judged keep their verdict.</p>
<form class="filters" method="post" action="${esc(`${projectPath(entry.project)}/gates`)}"><input type="hidden" name="csrf" value="${esc(viewer.csrf)}">
${fields.join('\n')}<button type="submit">Save gates</button></form>`;
}

export function gatesPage(viewer: Viewer, entry: ProjectGatesEntry, canManage: boolean): string {
  const rows = GATE_NAMES.map((name) => {
    const value = entry.gates[name];
    return `<tr><td>${esc(GATES[name].label)}</td><td><code>${name}</code></td><td class="num">${value === null ? 'off' : esc(`${value}${GATES[name].unit}`)}</td><td>${esc(GATES[name].rule)}</td></tr>`;
  });
  const changed = entry.updated_by && entry.updated_at ? `Last changed by ${esc(entry.updated_by)} at ${esc(formatTime(entry.updated_at))}.` : 'Never set: every gate is off.';
  return page({
    title: `${entry.project}: quality gates`,
    viewer,
    crumbs: [['Projects', BASE], [entry.project, projectPath(entry.project)]],
    body: `${projectTabs(entry.project)}<p class="note">Judged when a run is complete (every shard arrived); the verdict goes back in the publish response, where the reporter fails the CI job on a failed gate, and shows on the run's page. ${changed}</p>
${table('Quality gates of this project', ['Gate', 'Key', num('Limit'), 'Rule'], rows, '')}${canManage ? form(viewer, entry) : ''}`,
  });
}
