import type { ProjectSummary } from '../queries.js';
import { badge, esc, formatRate, formatTime, num, table } from '../format.js';
import { BASE, page, type Viewer } from '../layout.js';

export const projectPath = (name: string): string => `${BASE}/projects/${encodeURIComponent(name)}`;

export function projectsPage(viewer: Viewer, projects: readonly ProjectSummary[]): string {
  const rows = projects.map((project) => {
    const last = project.last;
    return `<tr><td><a href="${esc(projectPath(project.name))}">${esc(project.name)}</a>${project.description ? `<br><span class="note">${esc(project.description)}</span>` : ''}</td>
<td class="num">${project.runs}</td><td>${last ? badge(last.status) : '–'}</td><td>${last ? esc(formatTime(last.started_at)) : '–'}</td>
<td class="num">${last ? esc(formatRate(last.pass_rate)) : '–'}</td></tr>`;
  });
  return page({
    title: 'Projects',
    viewer,
    body: table('Projects you can see', ['Project', num('Runs'), 'Last run', 'Started', num('Pass rate')], rows, 'No project is shared with you yet.'),
  });
}
