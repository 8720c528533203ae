import type { CategoryGroup, SignatureGroup } from '../triage.js';
import { esc, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { projectPath } from './projects.js';
import { testPath } from './run.js';
import { projectTabs, runPath } from './runs.js';

export interface TriageView {
  project: string;
  runs: number;
  signatures: readonly SignatureGroup[];
  categories: readonly CategoryGroup[];
  known: ReadonlyMap<string, string>;
  /** The viewer may link a signature to an issue. */
  canLink: boolean;
}

function stateCell(project: string, group: SignatureGroup): string {
  const state = group.state;
  if (state.state === 'new') return '<strong>new</strong> in the newest run';
  const link = (runId: string): string => `<a href="${esc(runPath(project, runId))}">${esc(runId)}</a>`;
  if (state.state === 'recurring') return `recurring since run ${link(state.since)}`;
  return state.in ? `fixed in run ${link(state.in)}` : `last seen in run ${link(state.last)}`;
}

function knownCell(view: TriageView, viewer: Viewer, group: SignatureGroup): string {
  const url = view.known.get(group.signature);
  const known = url ? `known: <a href="${esc(url)}" rel="noopener noreferrer">${esc(url)}</a>` : '';
  if (!view.canLink) return known || '–';
  return `${known}<form class="filters" method="post" action="${esc(`${projectPath(view.project)}/triage/known`)}">
<input type="hidden" name="csrf" value="${esc(viewer.csrf)}"><input type="hidden" name="signature" value="${esc(group.signature)}">
<label>Issue URL <input type="url" name="url" required value="${esc(url ?? '')}"></label><button type="submit">${url ? 'Change' : 'Link issue'}</button></form>`;
}

export function triagePage(viewer: Viewer, view: TriageView): string {
  const categoryRows = view.categories.map(
    (group) => `<tr><td>${esc(group.category)}</td><td class="num">${group.failures}</td><td class="num">${group.tests}</td><td class="num">${group.signatures}</td></tr>`,
  );
  const signatureRows = view.signatures.map((group) => {
    const tests = group.tests.slice(0, 5).map((test) => `<a href="${esc(testPath(view.project, test.key))}">${esc(test.title)}</a>`).join(', ');
    const more = group.tests.length > 5 ? ` and ${group.tests.length - 5} more` : '';
    return `<tr><td><code>${esc(group.signature)}</code></td><td>${esc(group.categories.join(', '))}</td><td class="num">${group.failures}</td>
<td>${tests}${more}</td><td>${stateCell(view.project, group)}</td><td>${knownCell(view, viewer, group)}</td></tr>`;
  });
  return page({
    title: `${view.project}: failure triage`,
    viewer,
    crumbs: [['Projects', BASE], [view.project, projectPath(view.project)]],
    body: `${projectTabs(view.project)}<p class="note">Failed tests of the newest ${view.runs} runs. A signature is the error's first line with numbers, ids,
paths, URLs, durations and hex values taken out. "New": seen only in the newest run; "recurring since run X": in the newest run and first seen in X;
"fixed in run Y": not seen since the run before Y.</p>
<h2>By category</h2>${table('Failures by category', ['Category', num('Failures'), num('Tests'), num('Signatures')], categoryRows, 'No failure in these runs.')}
<h2>By error signature</h2>${table('Failures by error signature', ['Signature', 'Category', num('Failures'), 'Tests', 'Since', 'Known issue'], signatureRows, 'No failure in these runs.')}`,
  });
}
