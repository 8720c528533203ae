// A small to-do app in plain DOM code: what a generated suite must find its way around without a
// form (Enter adds), with list items to check, edit in place and delete, filters, tabs, a disclosure,
// radios, a select and a switch, and keyboard shortcuts the page announces. `<html data-broken>` (set
// by server.mjs) turns on three bugs a good suite catches: the counter counts every item, the Active
// filter hides nothing, and the "/" shortcut no longer focuses the new-item field.
const broken = document.documentElement.hasAttribute('data-broken');
const todos = [];
let nextId = 1;
const $ = (selector) => document.querySelector(selector);

function filter() {
  return location.hash.replace(/^#\/?/, '') || 'all';
}

function visible(todo) {
  if (filter() === 'active') return broken || !todo.done;
  if (filter() === 'completed') return todo.done;
  return true;
}

function itemFor(todo) {
  const li = document.createElement('li');
  li.classList.toggle('done', todo.done);
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.checked = todo.done;
  box.setAttribute('aria-label', `Done: ${todo.title}`);
  box.addEventListener('change', () => {
    todo.done = box.checked;
    render();
  });
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = todo.title;
  title.addEventListener('dblclick', () => startEditing(li, title, todo));
  const remove = document.createElement('button');
  remove.textContent = '×';
  remove.setAttribute('aria-label', `Delete ${todo.title}`);
  remove.addEventListener('click', () => {
    todos.splice(todos.indexOf(todo), 1);
    render();
  });
  li.append(box, title, remove);
  return li;
}

function startEditing(li, title, todo) {
  const field = document.createElement('input');
  field.value = todo.title;
  field.setAttribute('aria-label', `Rename ${todo.title}`);
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && field.value.trim()) {
      todo.title = field.value.trim();
      render();
    } else if (event.key === 'Escape') render();
  });
  li.replaceChild(field, title);
  field.focus();
}

function render() {
  const list = $('#todo-list');
  const sorted = $('input[name=sort]:checked').value === 'newest' ? [...todos].reverse() : todos;
  list.replaceChildren(...sorted.filter(visible).map(itemFor));
  const left = broken ? todos.length : todos.filter((todo) => !todo.done).length;
  $('#count').textContent = `${left} ${left === 1 ? 'item' : 'items'} left`;
  $('#footer').hidden = todos.length === 0;
  $('#clear').hidden = !todos.some((todo) => todo.done);
  const sort = $('input[name=sort]:checked').value === 'newest' ? 'Newest first' : 'Oldest first';
  const view = $('#compact').checked ? 'compact view' : 'comfortable view';
  $('#view-status').textContent = `${sort}, ${$('#priority').value.toLowerCase()} priority, ${view}`;
  document.body.classList.toggle('compact', $('#compact').checked);
}

$('#new-todo').addEventListener('keydown', (event) => {
  const title = event.target.value.trim();
  if (event.key !== 'Enter' || !title) return;
  todos.push({ id: nextId++, title, done: false, priority: $('#priority').value });
  event.target.value = '';
  render();
});
$('#clear').addEventListener('click', () => {
  todos.splice(0, todos.length, ...todos.filter((todo) => !todo.done));
  render();
});
for (const control of document.querySelectorAll('input[name=sort], #priority, #compact')) control.addEventListener('change', render);
window.addEventListener('hashchange', render);
document.addEventListener('keydown', (event) => {
  // A shortcut acts on the page, never on a key typed into a field.
  if (event.target instanceof Element && event.target.closest('input, select, textarea')) return;
  if (event.key === '/' && !event.ctrlKey && !event.altKey && !event.metaKey) {
    event.preventDefault();
    if (!broken) $('#new-todo').focus();
  } else if (event.altKey && event.code === 'KeyA') {
    // Completes every task, or reopens them all when all are done already.
    const done = !todos.every((todo) => todo.done);
    for (const todo of todos) todo.done = done;
    render();
  }
});

for (const tab of document.querySelectorAll('[role=tab]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[role=tab]')) {
      other.setAttribute('aria-selected', String(other === tab));
      document.getElementById(other.getAttribute('aria-controls')).hidden = other !== tab;
    }
  });
}
$('#about-toggle').addEventListener('click', (event) => {
  const open = event.target.getAttribute('aria-expanded') !== 'true';
  event.target.setAttribute('aria-expanded', String(open));
  $('#about').hidden = !open;
});
render();
