/**
 * The page's only script. A trace viewer link needs the trace's absolute http(s) address, known
 * only where the page is served; opened from disk, the page shows the show-trace command alone.
 */
export const SCRIPT = `
if (/^https?:$/.test(location.protocol)) {
  for (const link of document.querySelectorAll('a[data-trace]')) {
    link.href = 'https://trace.playwright.dev/?trace=' + encodeURIComponent(new URL(link.dataset.trace, location.href).href);
    link.hidden = false;
  }
}
`.trim();
