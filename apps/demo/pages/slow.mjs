import { sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

export const DEFAULT_DELAY_MS = 1000;
export const MAX_DELAY_MS = 10_000;

/** `?ms=` as a whole number of milliseconds, capped; anything unreadable means the default. */
export function delayFrom(/** @type {URLSearchParams} */ params) {
  const raw = params.get('ms');
  if (raw === null || !/^\d+$/.test(raw.trim())) return DEFAULT_DELAY_MS;
  return Math.min(Number(raw.trim()), MAX_DELAY_MS);
}

/** @param {import('../app.mjs').Context} ctx */
export async function slow({ url, res, delay }) {
  const ms = delayFrom(url.searchParams);
  const started = Date.now();
  if (!(await delay(ms))) return;
  sendHtml(
    res,
    200,
    layout({
      title: 'Slow page',
      active: 'slow',
      body: `
<h1>Slow page</h1>
<p class="lead">This page waits on the server before it answers: try <code>/slow?ms=3000</code> (at most ${MAX_DELAY_MS} ms).</p>
<div class="card narrow">
  <p style="margin:0">Responded after <strong data-testid="slow-delay">${ms}</strong> ms
  (measured <span data-testid="slow-measured">${Date.now() - started}</span> ms).</p>
</div>`,
    }),
    { 'x-demo-delay-ms': String(ms) },
  );
}
