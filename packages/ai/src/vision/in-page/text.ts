const MAX_TEXT = 200;

/** Whitespace runs folded to one space, trimmed. Most text has no run to fold, and testing for one is cheaper than replacing. */
export const collapse = (text: string | null | undefined): string => (text && /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text ?? '').trim();

export const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** A text node of the element itself holds more than whitespace. */
export function hasOwnText(el: Element): boolean {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 && /\S/.test(node.nodeValue ?? '')) return true;
  }
  return false;
}

/** Words right before or after a link: it sits in a sentence. */
export const besideText = (node: Node | null): boolean => node !== null && node.nodeType === 3 && /\S/.test(node.nodeValue ?? '');

/**
 * clip(collapse(el.textContent)) without building the whole text of a large subtree: containers
 * nest, and reading each one's full text makes a deep page quadratic. Once more than 200
 * non-space characters are in, the clipped text cannot change.
 */
export function contentText(el: Element): string {
  const only = el.firstChild;
  // One text child is the whole text: its value is the string hasOwnText already read, where
  // textContent would build a new one.
  if (only && only === el.lastChild && only.nodeType === 3) return clip(collapse(only.nodeValue));
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
