import { isInteractive, roleOf } from './roles.js';
import { hasOwnText } from './text.js';

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'OPTGROUP', 'DATALIST', 'PARAM', 'SOURCE', 'TRACK', 'BR', 'WBR', 'HTML', 'BODY']);
const PIXEL_TAGS = new Set(['IMG', 'CANVAS', 'SVG', 'VIDEO']);

/** Every element of the document in order, those of open shadow roots too: they are as real as the light DOM's. */
export function allElements(): Element[] {
  const all: Element[] = [];
  const gather = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      all.push(el);
      if (el.shadowRoot) gather(el.shadowRoot);
    }
  };
  gather(document);
  return all;
}

/** How many elements carry each value of an attribute, to tell a unique test id or id. */
export function countValues(all: readonly Element[], read: (el: Element) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const el of all) {
    const value = read(el);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export interface Candidate {
  el: Element;
  /** Upper case, as HTML's tagName. */
  tag: string;
  /** Place in document order. */
  order: number;
  role: string | null;
  interactive: boolean;
  pixels: boolean;
  visible: boolean;
  ownText: boolean;
}

/**
 * The elements the map keeps: controls, pictures, headings and elements with text of their own,
 * visible ones first up to `maxElements`, then back in document order so the map reads like the page.
 */
export function chooseElements(all: readonly Element[], maxElements: number): { kept: Candidate[]; omitted: number } {
  const visibleFirst: Candidate[] = [];
  const hidden: Candidate[] = [];
  for (let order = 0; order < all.length; order++) {
    const el = all[order]!;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) continue;
    // Shapes inside an svg are its pixels; only its text elements are text.
    if (el instanceof SVGElement && tag !== 'SVG' && !(tag === 'TEXT' && hasOwnText(el))) continue;
    const role = roleOf(el, tag);
    const interactive = isInteractive(el, tag, role);
    const pixels = PIXEL_TAGS.has(tag) || role === 'img';
    const ownText = hasOwnText(el);
    if (!interactive && !pixels && role !== 'heading' && !ownText) continue;
    const visible = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    (visible ? visibleFirst : hidden).push({ el, tag, order, role, interactive, pixels, visible, ownText });
  }
  const kept = visibleFirst.concat(hidden).slice(0, Math.max(0, maxElements));
  kept.sort((a, b) => a.order - b.order);
  return { kept, omitted: visibleFirst.length + hidden.length - kept.length };
}
