import type { Group } from '../../../summary.js';
import { outcomeBar } from '../charts.js';
import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatCount, formatDuration, formatRate } from '../format.js';
import { more, section } from '../parts.js';

function table(groups: readonly Group[], nameHeader: string, max: number): string {
  const head = [nameHeader, 'Tests', 'Passed', 'Failed', 'Flaky', 'Skipped', 'Success', 'Flaky rate', 'p50', 'p90', 'p95', 'Max']
    .map((title, i) => `<th scope="col"${i ? ' class="num"' : ''}>${title}</th>`)
    .join('');
  const rows = groups.slice(0, max).map((group) => {
    const d = group.durationMs;
    const cells = [
      formatCount(group.total),
      formatCount(group.passed),
      group.failed ? `<span class="neg">${formatCount(group.failed)}</span>` : '0',
      group.flaky ? `<span class="warn">${formatCount(group.flaky)}</span>` : '0',
      formatCount(group.skipped),
      formatRate(group.successRate),
      formatRate(group.flakyRate),
      formatDuration(d.p50),
      formatDuration(d.p90),
      formatDuration(d.p95),
      formatDuration(d.max),
    ];
    return `<tr><th scope="row">${esc(group.name)}${outcomeBar(group)}</th>${cells.map((cell) => `<td class="num">${cell}</td>`).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>${more(groups.length - max, nameHeader.toLowerCase(), `${nameHeader.toLowerCase()}s`)}`;
}

/** Worst first: the rows a reader acts on lead. */
function byConcern(groups: readonly Group[]): Group[] {
  return [...groups].sort((a, b) => b.failed - a.failed || b.flaky - a.flaky || a.name.localeCompare(b.name));
}

/**
 * Whether every project is one app of the same name, with the same tests: what a YAML suite
 * compiles to. The Apps table would then repeat the Projects table row for row.
 */
function appsAreProjects(ctx: RenderContext): boolean {
  const { projects: byProject, apps: byApp } = ctx.summary;
  if (byProject.length !== byApp.length) return false;
  const projectsByName = new Map(byProject.map((group) => [group.name, group]));
  return byApp.every((app) => projectsByName.get(app.name)?.total === app.total) && ctx.summary.tests.every((test) => !test.app || test.app === test.project);
}

export function projects(ctx: RenderContext): string {
  if (!ctx.summary.projects.length) return '';
  const same = appsAreProjects(ctx);
  return section('projects', same ? 'Projects and apps' : 'Projects', table(byConcern(ctx.summary.projects), 'Project', ctx.limits.groups), same ? 'Each project plays the app of the same name.' : '');
}

export function apps(ctx: RenderContext): string {
  if (!ctx.summary.apps.length || appsAreProjects(ctx)) return '';
  return section('apps', 'Apps', table(byConcern(ctx.summary.apps), 'App', ctx.limits.groups));
}
