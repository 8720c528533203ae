import { escapeHtml, sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

/** @param {import('../app.mjs').Context} ctx */
export function notFound({ url, res }) {
  sendHtml(
    res,
    404,
    layout({
      title: 'Page not found',
      body: `
<div class="card narrow">
  <h1>Page not found</h1>
  <p data-testid="not-found-path">There is no page at <code>${escapeHtml(url.pathname)}</code>.</p>
  <a class="button" href="/">Back to the home page</a>
</div>`,
    }),
  );
}
