import type { QuarantineEntry } from '../../domain/quarantine.js';
import { esc, formatTime, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';
import { projectPath } from './projects.js';
import { testPath } from './run.js';
import { projectTabs } from './runs.js';

export function quarantinePage(viewer: Viewer, project: string, items: readonly QuarantineEntry[]): string {
  const rows = items.map(
    (entry) => `<tr><td><a href="${esc(testPath(project, entry.key))}">${esc(entry.key)}</a></td><td>${esc(entry.reason)}</td>
<td>${esc(entry.created_by)}</td><td>${esc(formatTime(entry.created_at))}</td><td>${esc(formatTime(entry.expires_at))}</td></tr>`,
  );
  return page({
    title: `${project}: quarantine`,
    viewer,
    crumbs: [['Projects', BASE], [project, projectPath(project)]],
    body: `${projectTabs(project)}<p class="note">A quarantined test still runs and is reported, but its failure does not fail the build until its expiry;
runs fetch this list when they start. A test's page shows its quarantine and, for managers, the forms to change or release it.</p>
${table('Quarantined tests', ['Test', 'Reason', 'By', 'Since', 'Until'], rows, 'No test is quarantined.')}`,
  });
}
