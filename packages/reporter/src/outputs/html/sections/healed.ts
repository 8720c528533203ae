import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { formatCount } from '../format.js';
import { projectChip, section, testTitle } from '../parts.js';

/**
 * Every step `smart_error_recovery` healed: the locator that matched nothing, the one the step
 * passed with, and the keys to write in the suite so that the next run needs no healing.
 */
export function healed(ctx: RenderContext): string {
  const count = ctx.summary.healed ?? 0;
  if (!count) return '';
  const items = ctx.summary.tests.flatMap((test) =>
    (test.healed ?? []).map((step) =>
      [
        '<li class="case">',
        `<div class="case-head"><div class="test-title">${testTitle(test)} › ${esc(step.action)}</div><span class="badge flaky">healed</span></div>`,
        `<div class="meta">${projectChip(test)}${step.location ? `<code class="loc">${esc(step.location)}</code>` : ''}<span title="how close the element is to what the suite asked for">confidence ${esc(step.confidence)}</span></div>`,
        `<p><code>${esc(step.from)}</code> matched nothing; the ${esc(step.type)} passed on <code>${esc(step.to)}</code>.</p>`,
        `<p>In the suite: ${step.yaml.map((keys) => `<code>${esc(keys)}</code>`).join(' or ')}</p>`,
        '</li>',
      ].join(''),
    ),
  );
  return section('healed', `Healed steps (${formatCount(count)})`, `<ul class="cases">${items.join('')}</ul>`, 'Actions whose locator matched nothing and that passed on the closest element of the page (<code>smart_error_recovery</code>). Update the suite so they need no healing.');
}
