import { sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

const CARDS = [
  { path: '/login', title: 'Login', text: 'A sign-in form with an error message for bad credentials.' },
  { path: '/dashboard', title: 'Dashboard', text: 'A greeting and an orders table, behind the login.' },
  { path: '/form', title: 'Form', text: 'Client- and server-side validation, then a thank-you message.' },
  { path: '/slow?ms=1500', title: 'Slow page', text: 'Answers after a delay you choose with ?ms= (up to 10 s).' },
  { path: '/error', title: 'Error page', text: 'Throws an uncaught JavaScript error after it loads.' },
  { path: '/image', title: 'Image', text: 'Shows whether images and JavaScript are enabled.' },
];

/** @param {import('../app.mjs').Context} ctx */
export function home({ res }) {
  const cards = CARDS.map(
    (card) => `
  <section class="card" aria-labelledby="card-${card.title.replace(/\W+/g, '-').toLowerCase()}">
    <h2 id="card-${card.title.replace(/\W+/g, '-').toLowerCase()}">${card.title}</h2>
    <p>${card.text}</p>
    <a class="button secondary" href="${card.path}" aria-label="Open ${card.title.toLowerCase()}">Open</a>
  </section>`,
  ).join('');
  sendHtml(
    res,
    200,
    layout({
      title: 'Home',
      active: 'home',
      body: `
<h1 data-testid="home-heading">Panoptic Demo</h1>
<p class="lead">A small web app for Panoptic's YAML suites and tests to drive with a real browser.</p>
<div class="grid" data-testid="page-list">${cards}
</div>`,
    }),
  );
}
