import { escapeHtml, readForm, sendHtml } from '../lib/http.mjs';
import { layout } from '../lib/layout.mjs';

export const TOPICS = [
  { value: 'general', label: 'General question' },
  { value: 'bug', label: 'Bug report' },
  { value: 'feature', label: 'Feature request' },
  { value: 'billing', label: 'Billing' },
];

/**
 * The single set of rules, run by the server and, through its source text, by the page's script.
 * It must stay self-contained (no closures) for that reason.
 * @param {{ name: string, email: string, age: string, topic: string, agree: boolean, message: string }} values
 * @param {string[]} topics allowed topic values
 * @returns {Record<string, string>} field name -> message, empty when valid
 */
export function validateFeedback(values, topics) {
  /** @type {Record<string, string>} */
  const errors = {};
  if (!values.name.trim()) errors.name = 'Name is required';
  else if (values.name.trim().length > 80) errors.name = 'Name must be at most 80 characters';
  if (!values.email.trim()) errors.email = 'Email is required';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) errors.email = 'Enter a valid email address';
  const age = values.age.trim();
  if (age && !(/^\d+$/.test(age) && Number(age) >= 18 && Number(age) <= 120)) {
    errors.age = 'Age must be a whole number from 18 to 120';
  }
  if (!topics.includes(values.topic)) errors.topic = 'Choose a topic from the list';
  if (!values.agree) errors.agree = 'You must agree to continue';
  if (values.message.length > 500) errors.message = 'Message must be at most 500 characters';
  return errors;
}

const EMPTY = { name: '', email: '', age: '', topic: 'general', agree: false, message: '' };

/** @param {URLSearchParams} params */
function valuesFrom(params) {
  return {
    name: params.get('name') ?? '',
    email: params.get('email') ?? '',
    age: params.get('age') ?? '',
    topic: params.get('topic') ?? '',
    agree: params.has('agree'),
    message: params.get('message') ?? '',
  };
}

/** @param {string} field @param {Record<string, string>} errors */
function errorSlot(field, errors) {
  const message = errors[field];
  return `<p class="field-error" role="alert" id="${field}-error" data-testid="${field}-error"${message ? '' : ' hidden'}>${escapeHtml(message ?? '')}</p>`;
}

/** @param {string} field @param {Record<string, string>} errors */
function invalidAttrs(field, errors) {
  return errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
}

/** @param {typeof EMPTY} values @param {Record<string, string>} errors */
function formPage(values, errors) {
  const options = TOPICS.map(
    (t) => `<option value="${t.value}"${t.value === values.topic ? ' selected' : ''}>${t.label}</option>`,
  ).join('');
  const body = `
<h1>Feedback form</h1>
<p class="lead">Tell us what you think. Fields marked * are required.</p>
<div class="card" style="max-width:640px">
  <form id="feedback-form" method="post" action="/form" novalidate data-testid="feedback-form">
    <div class="field">
      <label for="name">Name *</label>
      <input type="text" id="name" name="name" required maxlength="80" autocomplete="name" value="${escapeHtml(values.name)}"${invalidAttrs('name', errors)}>
      ${errorSlot('name', errors)}
    </div>
    <div class="field">
      <label for="email">Email *</label>
      <input type="email" id="email" name="email" required autocomplete="email" value="${escapeHtml(values.email)}"${invalidAttrs('email', errors)}>
      ${errorSlot('email', errors)}
    </div>
    <div class="field">
      <label for="age">Age</label>
      <input type="number" id="age" name="age" min="18" max="120" step="1" inputmode="numeric" value="${escapeHtml(values.age)}"${invalidAttrs('age', errors)}>
      <p class="hint">Optional; 18 to 120.</p>
      ${errorSlot('age', errors)}
    </div>
    <div class="field">
      <label for="topic">Topic</label>
      <select id="topic" name="topic"${invalidAttrs('topic', errors)}>${options}</select>
      ${errorSlot('topic', errors)}
    </div>
    <div class="field">
      <label for="message">Message</label>
      <textarea id="message" name="message" maxlength="500" rows="4"${invalidAttrs('message', errors)}>${escapeHtml(values.message)}</textarea>
      ${errorSlot('message', errors)}
    </div>
    <div class="field">
      <label class="check" for="agree"><input type="checkbox" id="agree" name="agree" value="yes" required${values.agree ? ' checked' : ''}${invalidAttrs('agree', errors)}>I agree</label>
      <p class="hint">To the demo's terms: nothing you send is stored.</p>
      ${errorSlot('agree', errors)}
    </div>
    <button type="submit" class="button" data-testid="form-submit">Submit</button>
  </form>
</div>`;
  const script = `
const TOPICS = ${JSON.stringify(TOPICS.map((t) => t.value))};
${validateFeedback.toString()}
const form = document.getElementById('feedback-form');
const fields = ['name', 'email', 'age', 'topic', 'message', 'agree'];
const el = (field) => form.elements.namedItem(field);
function readValues() {
  return {
    name: el('name').value, email: el('email').value, age: el('age').value,
    topic: el('topic').value, agree: el('agree').checked, message: el('message').value,
  };
}
function show(errors, only) {
  for (const field of only ?? fields) {
    const input = el(field);
    const slot = document.getElementById(field + '-error');
    if (errors[field]) {
      slot.textContent = errors[field];
      slot.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', field + '-error');
    } else {
      slot.textContent = '';
      slot.hidden = true;
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
}
form.addEventListener('submit', (event) => {
  const errors = validateFeedback(readValues(), TOPICS);
  show(errors);
  const first = fields.find((field) => errors[field]);
  if (first) {
    event.preventDefault();
    el(first).focus();
  }
});
for (const field of fields) {
  el(field).addEventListener('change', () => {
    if (el(field).getAttribute('aria-invalid') === 'true') show(validateFeedback(readValues(), TOPICS), [field]);
  });
}
`;
  return layout({ title: 'Form', active: 'form', body, script });
}

/** @param {typeof EMPTY} values */
function successPage(values) {
  const topic = TOPICS.find((t) => t.value === values.topic)?.label ?? values.topic;
  const name = values.name.trim();
  return layout({
    title: 'Form',
    active: 'form',
    body: `
<h1>Feedback form</h1>
<div class="success" role="status" data-testid="form-success">Thank you, ${escapeHtml(name)}!</div>
<div class="card" style="max-width:640px">
  <h2>What you sent</h2>
  <dl class="summary" data-testid="form-summary">
    <dt>Name</dt><dd>${escapeHtml(name)}</dd>
    <dt>Email</dt><dd>${escapeHtml(values.email.trim())}</dd>
    <dt>Age</dt><dd>${escapeHtml(values.age.trim() || '—')}</dd>
    <dt>Topic</dt><dd>${escapeHtml(topic)}</dd>
    <dt>Message</dt><dd>${escapeHtml(values.message || '—')}</dd>
  </dl>
  <a class="button secondary" href="/form">Send another response</a>
</div>`,
  });
}

/** @param {import('../app.mjs').Context} ctx */
export function formGet({ res }) {
  sendHtml(res, 200, formPage(EMPTY, {}));
}

/** @param {import('../app.mjs').Context} ctx */
export async function formPost({ req, res }) {
  const values = valuesFrom(await readForm(req));
  const errors = validateFeedback(
    values,
    TOPICS.map((t) => t.value),
  );
  if (Object.keys(errors).length > 0) {
    sendHtml(res, 422, formPage(values, errors));
    return;
  }
  sendHtml(res, 200, successPage(values));
}
