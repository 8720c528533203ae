import { attributeNames } from './attributes.js';
import { isInteractive, roleOf } from './roles.js';
import { holdsText, ownTextOf } from './text.js';

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'OPTGROUP', 'DATALIST', 'PARAM', 'SOURCE', 'TRACK', 'BR', 'WBR', 'HTML', 'BODY']);
const PIXEL_TAGS = new Set(['IMG', 'CANVAS', 'SVG', 'VIDEO']);
const VISIBILITY: CheckVisibilityOptions = { checkOpacity: true, checkVisibilityCSS: true };
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

export type Root = Document | ShadowRoot;

/**
 * Every element of the document in order, those of open shadow roots too (they are as real as the
 * light DOM's, and follow their host), and the roots themselves.
 */
export function allElements(): { all: Element[]; roots: Root[] } {
  const all: Element[] = [];
  const roots: Root[] = [];
  const gather = (root: Root) => {
    roots.push(root);
    const found = root.querySelectorAll('*');
    // Indexed: a for-of loop, or Array.from, makes an iterator result per element (in code V8 has
    // not optimized yet, which a fresh document's collection is).
    for (let i = 0, count = found.length; i < count; i++) {
      const el = found[i]!;
      all.push(el);
      if (el.shadowRoot) gather(el.shadowRoot);
    }
  };
  gather(document);
  return { all, roots };
}

/**
 * How many elements carry each value of an attribute (an empty one only when `empty`), to tell a
 * unique test id or id. The browser's selector finds the few elements that have it, where reading
 * it of every element is a call into the browser per element.
 */
export function attributeCounts(roots: readonly Root[], attribute: string, empty: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const root of roots) {
    // Indexed over the list itself, as in allElements.
    const found = root.querySelectorAll(`[${attribute}]`);
    for (let i = 0, count = found.length; i < count; i++) {
      const el = found[i]!;
      const value = el.getAttribute(attribute)!;
      if (empty || value) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return counts;
}

export interface Candidate {
  el: Element;
  /** Upper case, as HTML's tagName. */
  tag: string;
  /** Its tagName in lower case, as the map reports it. */
  lowerTag: string;
  /** Place in document order. */
  order: number;
  role: string | null;
  /** Its attribute names (see attributes.ts). */
  names: readonly string[];
  interactive: boolean;
  pixels: boolean;
  visible: boolean;
  ownText: boolean;
  /** Its whole text when it has no child element (see ownTextOf). */
  soleText: string | null;
}

/** Two lists in document order merged into one. */
function inOrder(a: readonly Candidate[], b: readonly Candidate[]): Candidate[] {
  const merged: Candidate[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && a[i]!.order < b[j]!.order) ? a[i++]! : b[j++]!);
  return merged;
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
    const tagName = el.tagName;
    const tag = tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) continue;
    // The namespace, not `instanceof SVGElement`: the same elements (every element of the SVG
    // namespace is an SVGElement), and measured a quarter of this loop's time on a fresh document,
    // where each instanceof looks up the global and walks the prototype chain unoptimized.
    const inSvg = tag !== 'SVG' && el.namespaceURI === SVG_NAMESPACE;
    const own = inSvg && tag !== 'TEXT' ? false : ownTextOf(el);
    const ownText = holdsText(own);
    // Shapes inside an svg are its pixels; only its text elements are text.
    if (inSvg && !ownText) continue;
    const names = attributeNames(el);
    const role = roleOf(el, tag, names);
    const interactive = isInteractive(el, tag, role, names);
    const pixels = PIXEL_TAGS.has(tag) || role === 'img';
    if (!interactive && !pixels && role !== 'heading' && !ownText) continue;
    const visible = el.checkVisibility(VISIBILITY);
    (visible ? visibleFirst : hidden).push({ el, tag, lowerTag: tagName.toLowerCase(), order, role, names, interactive, pixels, visible, ownText, soleText: typeof own === 'string' ? own : null });
  }
  const found = visibleFirst.length + hidden.length;
  // Most pages have fewer than maxElements: then every candidate is kept, in document order already.
  if (found <= maxElements) return { kept: hidden.length ? inOrder(visibleFirst, hidden) : visibleFirst, omitted: 0 };
  const kept = visibleFirst.concat(hidden).slice(0, Math.max(0, maxElements));
  kept.sort((a, b) => a.order - b.order);
  return { kept, omitted: found - kept.length };
}
