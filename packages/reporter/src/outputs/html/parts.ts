import type { Artifact, TestSummary } from '../../summary.js';
import { ENCRYPTED_CONTENT_TYPE } from '@panoptic/model/cloud-settings';
import { SUITE_SOURCES_FOLDER } from '@panoptic/model/output-folder';
import { sourceOf } from '../../artifact-bodies.js';
import type { RenderContext } from './context.js';
import type { LinkedFile } from './copy.js';
import { esc } from './escape.js';
import { formatBytes, formatCount } from './format.js';
import { pickArtifacts } from './plan.js';

/** Where the page links an artifact, once copied next to it. */
export function linkOf(artifact: Artifact, ctx: RenderContext): LinkedFile | undefined {
  const source = sourceOf(artifact);
  return source === undefined ? undefined : ctx.links.get(source);
}

export function section(id: string, title: string, body: string, intro = ''): string {
  return `<section id="${esc(id)}" aria-labelledby="${esc(id)}-h"><h2 id="${esc(id)}-h">${esc(title)}</h2>${intro ? `<p class="intro">${intro}</p>` : ''}${body}</section>`;
}

/** The line that stands in for what a section leaves out: `one` and `many` are the noun as the count needs it. */
export function more(count: number, one: string, many: string): string {
  return count > 0 ? `<p class="more">… and ${formatCount(count)} more ${esc(count === 1 ? one : many)}</p>` : '';
}

export function testTitle(test: TestSummary): string {
  const path = test.titlePath.length ? test.titlePath : [test.title];
  return path.map((part) => esc(part)).join('<span class="sep" aria-hidden="true"> › </span>');
}

/**
 * Where the test is written. A YAML suite's test runs a spec of a package (its file starts with the
 * package's `@scope/`); the suite file its steps point to says more than that spec's line.
 */
export function where(test: TestSummary): string {
  if (!test.file.startsWith('@')) return `<code class="loc">${esc(`${test.file}:${test.line}`)}</code>`;
  const step = test.attempts.at(-1)?.steps?.find((s) => s.location)?.location;
  if (!step) return '';
  const file = step.replace(/:\d+:\d+$/, '');
  // A suite holding secrets is located in its redacted copy under the output folder, which keeps
  // the suite's path from where the run started: that path is the one to show.
  const copies = `${SUITE_SOURCES_FOLDER}/`;
  const shown = file.includes(copies) ? file.slice(file.lastIndexOf(copies) + copies.length) : file;
  return `<code class="loc">${esc(shown)}</code>`;
}

/** Project and app; a YAML suite's project is named after its app, and one name is shown once. */
export function projectChip(test: TestSummary): string {
  const parts = [test.project ? `<span class="chip" title="project">${esc(test.project)}</span>` : ''];
  if (test.app && test.app !== test.project) parts.push(`<span class="chip app" title="app">${esc(test.app)}</span>`);
  return parts.join('');
}

const OUTCOME_LABEL = { expected: 'passed', unexpected: 'failed', flaky: 'flaky', skipped: 'skipped' } as const;
const STATUS_LABEL: Partial<Record<TestSummary['status'], string>> = { timedOut: 'timed out', interrupted: 'interrupted', notRun: 'not run' };

export function outcomeBadge(test: TestSummary): string {
  const outcome = OUTCOME_LABEL[test.outcome];
  const status = STATUS_LABEL[test.status];
  return `<span class="badge ${outcome}">${outcome}${status ? ` · ${status}` : ''}</span>`;
}

function retryLabel(artifact: Artifact): string {
  return artifact.retry ? `retry ${artifact.retry}` : 'first run';
}

function thumbnail(test: TestSummary, artifact: Artifact, ctx: RenderContext): string {
  const file = linkOf(artifact, ctx);
  if (!file) return '';
  const size = file.width && file.height ? ` width="${file.width}" height="${file.height}"` : '';
  const alt = `Screenshot "${artifact.name}" of ${test.title} (${retryLabel(artifact)})`;
  return `<a class="thumb" href="${esc(file.href)}"><img src="${esc(file.href)}" alt="${esc(alt)}"${size} loading="lazy" decoding="async"></a>`;
}

function video(artifact: Artifact, ctx: RenderContext): string {
  const file = linkOf(artifact, ctx);
  if (!file) return '';
  const label = `Video, ${retryLabel(artifact)}`;
  // preload="none": a page with fifty failures must not fetch fifty videos to open.
  return `<figure class="video"><video controls preload="none" src="${esc(file.href)}" aria-label="${esc(label)}"></video><figcaption><a href="${esc(file.href)}">${esc(label)}</a> · ${formatBytes(file.bytes)}</figcaption></figure>`;
}

function trace(artifact: Artifact, ctx: RenderContext): string {
  const file = linkOf(artifact, ctx);
  if (!file) return '';
  // The viewer link needs an absolute http(s) address, known only where the page is served; the inline script fills it in.
  return [
    '<div class="trace">',
    `<span class="trace-label">Trace, ${esc(retryLabel(artifact))} · ${formatBytes(file.bytes)} · in the report folder run</span>`,
    `<code class="cmd">npx playwright show-trace ${esc(file.href)}</code>`,
    `<a href="${esc(file.href)}" download>download</a>`,
    `<a class="viewer" data-trace="${esc(file.href)}" hidden target="_blank" rel="noopener noreferrer" title="trace.playwright.dev loads the trace in your browser: it must be reachable from there">open in trace viewer</a>`,
    '</div>',
  ].join('');
}

/** Artifacts whose only copy is encrypted in the store (client_side_encryption): named, with how to read them, since no link would open. */
function sealedLine(test: TestSummary): string {
  const names = test.artifacts.filter((artifact) => artifact.contentType === ENCRYPTED_CONTENT_TYPE).map((artifact) => artifact.name);
  if (!names.length) return '';
  return `<p class="sealed">Encrypted in the store (AES-256-GCM), read with <code>panoptic download --decrypt</code>: ${names.map((name) => esc(name)).join(', ')}</p>`;
}

/** Screenshots, videos and traces of a test, as the plan picked and copied them. */
export function artifactsOf(test: TestSummary, ctx: RenderContext): string {
  const picked = pickArtifacts(test, ctx.limits);
  const thumbs = picked.screenshots.map((artifact) => thumbnail(test, artifact, ctx)).join('');
  const videos = picked.videos.map((artifact) => video(artifact, ctx)).join('');
  const traces = picked.traces.map((artifact) => trace(artifact, ctx)).join('');
  const sealed = sealedLine(test);
  if (!thumbs && !videos && !traces && !sealed) return '';
  return [
    '<div class="artifacts">',
    thumbs || videos ? `<div class="media">${thumbs}${videos}</div>` : '',
    traces,
    sealed,
    more(picked.more, 'artifact of this test', 'artifacts of this test'),
    '</div>',
  ].join('');
}
