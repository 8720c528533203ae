import { send } from '../lib/http.mjs';

export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 64 64" role="img" aria-label="Panoptic logo">
<rect width="64" height="64" rx="14" fill="#4f46e5"/>
<path d="M8 32c6-10 14-16 24-16s18 6 24 16c-6 10-14 16-24 16S14 42 8 32z" fill="#fff"/>
<circle cx="32" cy="32" r="10" fill="#4f46e5"/>
<circle cx="32" cy="32" r="4.5" fill="#111827"/>
<circle cx="35.5" cy="28.5" r="2" fill="#fff"/>
</svg>
`;

/** @param {import('../app.mjs').Context} ctx */
export function logo({ res }) {
  send(res, 200, LOGO_SVG, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' });
}
