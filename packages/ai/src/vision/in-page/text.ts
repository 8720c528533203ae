const MAX_TEXT = 200;

/** Whitespace runs folded to one space, trimmed. Most text has no run to fold, and testing for one is cheaper than replacing. */
export const collapse = (text: string | null | undefined): string => (text && /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text ?? '').trim();

export const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * What the element's own text nodes hold: all its text when it has no child element (most text
 * elements: kept, so that contentText need not read it again), else whether a child text node holds
 * more than whitespace. textContent reads a leaf's text without making a script object of each text
 * node, which on a fresh document costs more than the read itself.
 */
export function ownTextOf(el: Element): string | boolean {
  if (el.childElementCount === 0) return el.textContent ?? '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 && /\S/.test(node.nodeValue ?? '')) return true;
  }
  return false;
}

/** A text node of the element itself holds more than whitespace, from what ownTextOf read. */
export const holdsText = (own: string | boolean): boolean => (typeof own === 'string' ? /\S/.test(own) : own);

/** Words right before or after a link: it sits in a sentence. */
export const besideText = (node: Node | null): boolean => node !== null && node.nodeType === 3 && /\S/.test(node.nodeValue ?? '');

/**
 * clip(collapse(el.textContent)) without building the whole text of a large subtree: containers
 * nest, and reading each one's full text makes a deep page quadratic. Once more than 200
 * non-space characters are in, the clipped text cannot change. `sole`: the text of an element
 * without child elements (see ownTextOf), which is its whole text.
 */
export function contentText(el: Element, sole: string | null): string {
  if (sole !== null) return clip(collapse(sole));
  if (!el.firstElementChild) return clip(collapse(el.textContent));
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION);
  let raw = '';
  let solid = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    raw += value;
    solid += value.length - (value.match(/\s/g)?.length ?? 0);
    if (solid > MAX_TEXT) break;
  }
  return clip(collapse(raw));
}
