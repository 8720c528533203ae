import type { RenderContext } from '../context.js';
import { esc } from '../escape.js';
import { linkOf, more, section } from '../parts.js';

/** Screenshots of tests that passed: what the app looked like when things worked. */
export function gallery(ctx: RenderContext): string {
  const figures = ctx.plan.gallery.flatMap(({ test, screenshot }) => {
    const file = linkOf(screenshot, ctx);
    if (!file) return [];
    const size = file.width && file.height ? ` width="${file.width}" height="${file.height}"` : '';
    const alt = `Screenshot "${screenshot.name}" of ${test.title}`;
    return [
      `<figure class="shot"><a class="thumb" href="${esc(file.href)}"><img src="${esc(file.href)}" alt="${esc(alt)}"${size} loading="lazy" decoding="async"></a><figcaption>${esc(test.title)}${test.project && test.project !== test.title ? ` <span class="muted">${esc(test.project)}</span>` : ''}</figcaption></figure>`,
    ];
  });
  if (!figures.length) return '';
  return section('screenshots', 'Screenshots of passed tests', `<div class="gallery">${figures.join('')}</div>${more(ctx.plan.galleryMore, 'screenshot', 'screenshots')}`);
}
