import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatDuration, formatTime } from '../format.js';

const STATUS_LABEL = { passed: 'Passed', failed: 'Failed', timedout: 'Timed out', interrupted: 'Interrupted' } as const;

export function header(ctx: RenderContext, nav: readonly { id: string; title: string }[]): string {
  const { run, generatedAt } = ctx.summary;
  const facts: [string, string][] = [
    ['Started', `<time datetime="${esc(run.startTime)}">${esc(formatTime(run.startTime))}</time>`],
    ['Duration', esc(formatDuration(run.durationMs))],
    ['Playwright', esc(run.playwrightVersion)],
    ['Workers', esc(run.workers)],
    ['Shard', run.shard ? esc(`${run.shard.current} of ${run.shard.total}`) : 'none'],
  ];
  return [
    `<header class="top status-${esc(run.status)}">`,
    '<div class="title-row">',
    '<h1>Panoptic test report</h1>',
    `<span class="run-status" role="status">${esc(STATUS_LABEL[run.status])}</span>`,
    '</div>',
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>`,
    `<p class="generated">Generated <time datetime="${esc(generatedAt)}">${esc(formatTime(generatedAt))}</time></p>`,
    nav.length ? `<nav aria-label="Sections"><ul>${nav.map(({ id, title }) => `<li><a href="#${esc(id)}">${esc(title)}</a></li>`).join('')}</ul></nav>` : '',
    '</header>',
  ].join('');
}
