import { test, chromium, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../../packages/fixtures/dist/browser.js';

/** One Chromium for the tests of a file, and a fresh 1280x800 page per call. */
export function useBrowser(): { page(html?: string): Promise<Page> } {
  let browser: Browser | undefined;
  test.beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium().executablePath });
  });
  test.afterAll(async () => {
    await browser?.close();
  });
  return {
    async page(html?: string): Promise<Page> {
      if (!browser) throw new Error('The browser is not started yet.');
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      if (html !== undefined) await page.setContent(html);
      return page;
    },
  };
}

/** A page with a canvas-drawn button: its label exists only in pixels. */
export const CANVAS_BUTTON_PAGE = `<!doctype html>
<html lang="en"><head><title>Canvas button</title><style>body { font-family: sans-serif; margin: 24px; }</style></head>
<body>
  <h1>Checkout</h1>
  <p id="status">Nothing bought yet</p>
  <canvas id="shop" width="320" height="80" aria-hidden="true"></canvas>
  <script>
    const canvas = document.getElementById('shop');
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#2e7d32';
    ctx.fillRect(20, 10, 200, 56);
    ctx.fillStyle = '#ffffff';
    ctx.font = '24px sans-serif';
    ctx.fillText('Buy now', 72, 46);
    canvas.addEventListener('click', (event) => {
      const { left, top } = canvas.getBoundingClientRect();
      const x = event.clientX - left;
      const y = event.clientY - top;
      if (x >= 20 && x <= 220 && y >= 10 && y <= 66) document.getElementById('status').textContent = 'Bought at ' + Math.round(x) + ',' + Math.round(y);
    });
  </script>
</body></html>`;
