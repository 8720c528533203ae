import { sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

/** @param {import('../app.mjs').Context} ctx */
export function imagePage({ res }) {
  // The status elements come before the image so its onload/onerror always find them.
  sendHtml(
    res,
    200,
    layout({
      title: 'Image',
      active: 'image',
      body: `
<h1>Image and script check</h1>
<p class="lead">Shows whether this browser loaded the image below and ran this page's JavaScript.</p>
<div class="status-row">
  <p class="pill" style="margin:0">Image: <span data-testid="image-status" id="image-status">pending</span></p>
  <p class="pill" style="margin:0"><span data-testid="js-status" id="js-status">JavaScript off</span></p>
</div>
<figure class="card narrow" style="margin:0;text-align:center">
  <img id="logo" data-testid="logo" src="/logo.svg" width="160" height="160" alt="Panoptic logo"
    onload="document.getElementById('image-status').textContent = 'loaded'"
    onerror="document.getElementById('image-status').textContent = 'failed'">
  <figcaption>The Panoptic logo, served as <code>/logo.svg</code>.</figcaption>
</figure>`,
      // A browser told not to load images may fire neither event; settle the status once the page has loaded.
      script: `document.getElementById('js-status').textContent = 'JavaScript on';
window.addEventListener('load', () => {
  const status = document.getElementById('image-status');
  if (status.textContent !== 'pending') return;
  const img = document.getElementById('logo');
  status.textContent = img.complete && img.naturalWidth > 0 ? 'loaded' : 'failed';
});`,
    }),
  );
}
