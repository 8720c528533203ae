import type { QuarantineEntry } from '../../domain/quarantine.js';
import { esc, formatTime } from '../format.js';
import type { Viewer } from '../layout.js';
import { projectPath } from './projects.js';

// A test's quarantine on its page: the state for everyone who sees the test, and for a user who may
// change it the forms that quarantine (reason, expiry) and release it. Plain posts with the session's
// form token; the server answers with a redirect back here.

/** The mark lists put beside a quarantined test: text, not only colour. */
export const QUARANTINED = '<span class="badge quarantined" title="Quarantined: its failures do not fail the build">quarantined</span>';

/** Two weeks: long enough to fix a flaky test, short enough that someone looks at it again. */
const DEFAULT_DAYS = 14;
const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

function state(entry: QuarantineEntry | undefined): string {
  if (!entry) return '<p class="note">Not quarantined: a failure of this test fails the build.</p>';
  const items: [string, string][] = [
    ['State', `${QUARANTINED} it still runs and is reported; its failures do not fail the build`],
    ['Reason', esc(entry.reason)],
    ['By', esc(entry.created_by)],
    ['Since', esc(formatTime(entry.created_at))],
    ['Until', esc(formatTime(entry.expires_at))],
  ];
  return `<dl class="meta quarantine">${items.map(([name, value]) => `<dt>${esc(name)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

export function quarantineState(viewer: Viewer, project: string, key: string, entry: QuarantineEntry | undefined, canManage: boolean): string {
  if (!canManage) return `<h2>Quarantine</h2>${state(entry)}`;
  const action = `${projectPath(project)}/quarantine`;
  const hidden = `<input type="hidden" name="csrf" value="${esc(viewer.csrf)}"><input type="hidden" name="key" value="${esc(key)}">`;
  const until = entry ? entry.expires_at.slice(0, 10) : day(DEFAULT_DAYS);
  const change = `<form class="filters" method="post" action="${esc(action)}">${hidden}
<label>Reason <input name="reason" required maxlength="2000" size="40" value="${esc(entry?.reason ?? '')}"></label>
<label>Until (to the end of that day, UTC) <input type="date" name="until" required min="${day(0)}" value="${esc(until)}"></label>
<button type="submit">${entry ? 'Change quarantine' : 'Quarantine'}</button></form>`;
  const release = entry ? `<form class="filters" method="post" action="${esc(`${action}/release`)}">${hidden}<button type="submit">Release</button></form>` : '';
  return `<h2>Quarantine</h2>${state(entry)}${change}${release}`;
}
