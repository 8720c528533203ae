import { sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

export const PAGE_ERROR_MESSAGE = 'Demo failure: widget exploded';

/** @param {import('../app.mjs').Context} ctx */
export function errorPage({ res }) {
  sendHtml(
    res,
    200,
    layout({
      title: 'Error page',
      active: 'error',
      body: `
<h1>Error page</h1>
<p class="lead">The page renders normally; then its script throws an uncaught error once the page has loaded.</p>
<div class="card narrow" data-testid="widget">
  <h2>Widget</h2>
  <p style="margin:0" data-testid="widget-status">The widget is about to explode.</p>
</div>`,
      // Thrown from the load handler so it is uncaught and happens after the page is fully loaded.
      script: `window.addEventListener('load', () => {
  throw new Error(${JSON.stringify(PAGE_ERROR_MESSAGE)});
});`,
    }),
  );
}
