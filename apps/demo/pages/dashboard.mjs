import { escapeHtml, redirect, sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

export const ORDERS = [
  { id: 'ORD-1001', customer: 'Ada Lovelace', status: 'Shipped', total: 129.9 },
  { id: 'ORD-1002', customer: 'Grace Hopper', status: 'Processing', total: 54.0 },
  { id: 'ORD-1003', customer: 'Alan Turing', status: 'Pending', total: 310.45 },
  { id: 'ORD-1004', customer: 'Katherine Johnson', status: 'Shipped', total: 18.75 },
  { id: 'ORD-1005', customer: 'Linus Torvalds', status: 'Cancelled', total: 72.2 },
];

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** @param {import('../app.mjs').Context} ctx */
export function dashboard({ req, res, sessions }) {
  const user = sessions.user(req);
  if (!user) {
    redirect(res, '/login?required=1');
    return;
  }
  const revenue = ORDERS.filter((o) => o.status !== 'Cancelled').reduce((sum, o) => sum + o.total, 0);
  const open = ORDERS.filter((o) => o.status === 'Pending' || o.status === 'Processing').length;
  const rows = ORDERS.map(
    (o) => `
      <tr data-testid="order-row">
        <th scope="row">${o.id}</th>
        <td>${escapeHtml(o.customer)}</td>
        <td><span class="badge ${o.status.toLowerCase()}">${o.status}</span></td>
        <td class="num">${money.format(o.total)}</td>
      </tr>`,
  ).join('');
  sendHtml(
    res,
    200,
    layout({
      title: 'Dashboard',
      active: 'dashboard',
      body: `
<div class="toolbar">
  <div>
    <h1>Dashboard</h1>
    <p class="lead" style="margin:0" data-testid="greeting">Welcome back, <strong>${escapeHtml(user)}</strong>!</p>
  </div>
  <a class="button secondary" href="/logout" data-testid="sign-out">Sign out</a>
</div>
<div class="stats">
  <div class="card stat"><div class="value" data-testid="stat-orders">${ORDERS.length}</div><div class="label">Orders this week</div></div>
  <div class="card stat"><div class="value" data-testid="stat-open">${open}</div><div class="label">Open orders</div></div>
  <div class="card stat"><div class="value" data-testid="stat-revenue">${money.format(revenue)}</div><div class="label">Revenue</div></div>
</div>
<div class="card">
  <table data-testid="orders-table">
    <caption>Recent orders</caption>
    <thead>
      <tr><th scope="col">Order</th><th scope="col">Customer</th><th scope="col">Status</th><th scope="col" class="num">Total</th></tr>
    </thead>
    <tbody>${rows}
    </tbody>
  </table>
</div>`,
    }),
  );
}
