import { test, chromium, type Browser, type Page } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';

/** One Chromium for the tests of a file, and a fresh 1280x800 page per call. */
export function useBrowser(): { page(html?: string): Promise<Page> } {
  let browser: Browser | undefined;
  test.beforeAll(async () => {
    browser = await chromium.launch(launchOptionsForChromium());
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
  {
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
  }
  </script>
</body></html>`;

/** A 2x2 PNG, so images on test pages load without a server. */
export const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEUlEQVR4AWMMAAIGIGBigAIAE5YBRLf2wnQAAAAASUVORK5CYII=';

/** A page built to have no finding: legible text, labelled controls, large targets, alt text. */
export const CLEAN_PAGE = `<!doctype html>
<html lang="en"><head><title>Clean</title>
<style>
  body { font-family: sans-serif; margin: 32px; color: #1a1a1a; background: #ffffff; font-size: 18px; }
  button, a.button { display: inline-block; min-width: 120px; min-height: 44px; margin: 8px; font-size: 18px; }
  button.primary { background: #0b57d0; color: #ffffff; border: 0; }
  label { display: block; margin: 12px 0 4px; }
  input { font-size: 18px; padding: 8px; width: 300px; }
</style></head>
<body>
  <h1>Account settings</h1>
  <p>Change how your account looks and who can reach you.</p>
  <img src="${TINY_PNG}" alt="Profile picture" width="64" height="64">
  <label for="email">Email address</label>
  <input id="email" type="email" value="someone@example.com">
  <div><button class="primary" data-testid="save">Save changes</button><button>Cancel</button></div>
  <p><a href="#help">Read the help pages</a> to learn more.</p>
  <p class="sr-only" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap">Screen reader note</p>
  <div hidden>Hidden on purpose</div>
</body></html>`;

/**
 * A page with one of each problem the vision analysis finds, each marked with a test id, next to
 * controls that have none of them.
 */
export const PROBLEMS_PAGE = `<!doctype html>
<html lang="en"><head><title>Problems</title>
<style>
  body { font-family: sans-serif; margin: 24px; color: #111; background: #fff; font-size: 18px; position: relative; }
  section { position: relative; height: 90px; margin-bottom: 8px; }
</style></head>
<body>
  <section>
    <div data-testid="clipped" style="width:140px;overflow:hidden;white-space:nowrap">This sentence is far too long for its box</div>
    <p data-testid="invisible" style="color:#ffffff;margin:8px 0 0">Invisible words here</p>
  </section>
  <section>
    <p data-testid="covered" style="margin:0">Hidden under a banner</p>
    <div style="position:absolute;left:0;top:0;width:400px;height:40px;background:#333"></div>
  </section>
  <section>
    <button data-testid="under" style="position:absolute;left:0;top:0;width:160px;height:48px">Under</button>
    <button data-testid="over" style="position:absolute;left:40px;top:10px;width:160px;height:48px">Over</button>
    <button data-testid="good-button" style="position:absolute;left:400px;top:0;width:160px;height:48px">Fine button</button>
  </section>
  <section>
    <button data-testid="tiny-1" style="width:16px;height:16px;padding:0">a</button><button data-testid="tiny-2" style="width:16px;height:16px;padding:0">b</button>
  </section>
  <section>
    <p data-testid="faint" style="color:#aaaaaa;margin:0">Faint grey words on white</p>
    <p data-testid="readable" style="color:#333333;margin:8px 0 0">Readable dark words on white</p>
  </section>
  <section>
    <img data-testid="no-alt" src="${TINY_PNG}" width="48" height="48">
    <img data-testid="with-alt" src="${TINY_PNG}" width="48" height="48" alt="A dot">
    <img data-testid="broken" src="http://127.0.0.1:9/missing.png" alt="Missing chart" width="48" height="48">
  </section>
  <section>
    <canvas data-testid="drawn" width="360" height="70"></canvas>
  </section>
  <script>
  {
    const ctx = document.querySelector('canvas').getContext('2d');
    ctx.fillStyle = '#1b5e20';
    ctx.fillRect(0, 0, 300, 60);
    ctx.fillStyle = '#ffffff';
    ctx.font = '28px sans-serif';
    ctx.fillText('Order today', 60, 40);
  }
  </script>
</body></html>`;
