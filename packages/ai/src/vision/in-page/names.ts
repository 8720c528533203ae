import { attributeOf } from './attributes.js';
import { clip, collapse } from './text.js';

/*
 * Accessible names for the common cases (aria-labelledby, aria-label, labels, values, alt, content,
 * title, placeholder). Not dom-accessibility-api's computeAccessibleName: it reads a computed style
 * per node it visits and took 0.6 to 1.4 s for 10,000 elements on a fresh page (60 to 125 ms warm)
 * on the shared 2-core machine, where the whole map has 200 ms. It also names generic containers nothing, where the map gives their text
 * (which visionClick and the findings read).
 */

const NAMED_FROM_CONTENT = new Set(['button', 'link', 'heading', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'cell', 'columnheader', 'listitem', 'switch', 'treeitem']);
const BUTTON_INPUT_TYPES = new Set(['submit', 'button', 'reset']);
const VALUELESS_INPUT_TYPES = new Set(['checkbox', 'radio', 'range', 'color', 'file', 'image', 'hidden']);

/**
 * Each control's label elements, in document order. A control's `labels` is a live list that
 * searches the whole document on each read: one pass over the label elements finds every label's
 * control instead (same labels, same order).
 */
export function labelsByControl(roots: readonly (Document | ShadowRoot)[]): Map<Element, HTMLLabelElement[]> {
  const labelsOf = new Map<Element, HTMLLabelElement[]>();
  // A control and its labels share a tree: each root's labels in its order are the control's in order.
  for (const root of roots) {
    // Indexed over the list itself: Array.from walks it with an iterator result per label.
    const found = root.querySelectorAll('label');
    for (let i = 0, count = found.length; i < count; i++) {
      const label = found[i]!;
      const control = label.control;
      if (!control) continue;
      const labels = labelsOf.get(control);
      if (labels) labels.push(label);
      else labelsOf.set(control, [label]);
    }
  }
  return labelsOf;
}

/** The text of a control's labels, or null when it has none. */
export function labelText(labels: readonly HTMLLabelElement[] | undefined): string | null {
  if (!labels) return null;
  return collapse(labels.map((label) => label.textContent).join(' ')) || null;
}

function byIds(ids: string): string {
  return collapse(ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
}

/**
 * The accessible name; `tag` is the tagName in upper case, `names` the element's attribute names,
 * `content` its text (see contentText; a form control's is never read).
 */
export function nameOf(el: Element, tag: string, names: readonly string[], role: string | null, label: string | null, content: string): string {
  const labelledBy = attributeOf(el, names, 'aria-labelledby');
  if (labelledBy) {
    const named = byIds(labelledBy);
    if (named) return named;
  }
  const ariaLabel = collapse(attributeOf(el, names, 'aria-label'));
  if (ariaLabel) return ariaLabel;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
    const type = (el as HTMLInputElement).type;
    if (BUTTON_INPUT_TYPES.has(type)) return collapse((el as HTMLInputElement).value) || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
    if (type === 'image') return collapse(attributeOf(el, names, 'alt')) || collapse(attributeOf(el, names, 'title'));
    return label ?? (collapse(attributeOf(el, names, 'title')) || collapse(attributeOf(el, names, 'placeholder')));
  }
  if (tag === 'IMG' || tag === 'AREA') return collapse(attributeOf(el, names, 'alt')) || collapse(attributeOf(el, names, 'title'));
  if (role === null || NAMED_FROM_CONTENT.has(role)) {
    if (content) return content;
    const img = el.querySelector('img[alt]');
    if (img) return collapse(img.getAttribute('alt'));
  }
  return collapse(attributeOf(el, names, 'title'));
}

/** What the element shows as text: a control's value, a select's chosen option, else its `content`. */
export function textOf(el: Element, tag: string, content: string): string {
  if (tag === 'INPUT') {
    const input = el as HTMLInputElement;
    if (VALUELESS_INPUT_TYPES.has(input.type)) return '';
    return collapse(input.value);
  }
  if (tag === 'TEXTAREA') return clip(collapse((el as HTMLTextAreaElement).value));
  if (tag === 'SELECT') return collapse((el as HTMLSelectElement).selectedOptions[0]?.textContent);
  return content;
}
