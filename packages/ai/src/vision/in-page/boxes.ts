import type { Styles } from './styles.js';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/**
 * Element `index`'s box from `sides` (left, top, width and height of each element in turn, read
 * once: each read of a DOMRect property is a call into the browser). Its right and bottom are left
 * + width and top + height, as the browser computes them for a box (whose sizes are never negative).
 */
export function rectOf(sides: Float64Array, index: number): Rect {
  const left = sides[index * 4]!;
  const top = sides[index * 4 + 1]!;
  const width = sides[index * 4 + 2]!;
  const height = sides[index * 4 + 3]!;
  return { left, top, right: left + width, bottom: top + height, width, height };
}

/** The visually-hidden pattern (1px box, clipped) used on purpose for screen reader text. */
export function isVisuallyHidden(rect: Rect, style: CSSStyleDeclaration): boolean {
  if (rect.width <= 1 || rect.height <= 1) return true;
  return style.clip === 'rect(0px, 0px, 0px, 0px)' || /inset\(50%\)/.test(style.clipPath);
}

/** Either axis clips: the shorthand holds both in one read. */
export const clipsOverflow = (style: CSSStyleDeclaration): boolean => /hidden|clip/.test(style.overflow);

interface Extent {
  /** Union of the non-empty rectangles. */
  union: DOMRect | null;
  /** The first rectangle in document order, which the browser falls back to when all are empty. */
  first: DOMRect | null;
}
const isEmptyRect = (rect: DOMRect) => rect.width <= 0 || rect.height <= 0;

function unite(into: Extent, rect: DOMRect | null, first: DOMRect | null = rect): void {
  into.first ??= first;
  if (!rect || isEmptyRect(rect)) return;
  const { union } = into;
  if (!union) {
    into.union = rect;
    return;
  }
  const left = Math.min(union.left, rect.left);
  const top = Math.min(union.top, rect.top);
  into.union = new DOMRect(left, top, Math.max(union.right, rect.right) - left, Math.max(union.bottom, rect.bottom) - top);
}

/** Where text lies and what may cut it off, measured once per element for one collection. */
export class TextBoxes {
  private readonly range = document.createRange();
  private readonly extents = new Map<Element, Extent>();
  private readonly clipRects = new Map<Element, DOMRect | null>();

  constructor(private readonly styles: Styles) {}

  private rangeRect(node: Node): DOMRect {
    this.range.selectNodeContents(node);
    return this.range.getBoundingClientRect();
  }

  /** The rectangle that overflow-hidden ancestors leave visible for an element's content. */
  clipRectOf(el: Element | null): DOMRect | null {
    if (!el || el === document.documentElement) return null;
    if (this.clipRects.has(el)) return this.clipRects.get(el)!;
    const parentClip = this.clipRectOf(el.parentElement);
    const style = this.styles.of(el);
    let result = parentClip;
    const clipsX = /hidden|clip/.test(style.overflowX);
    const clipsY = /hidden|clip/.test(style.overflowY);
    if (clipsX || clipsY) {
      const rect = el.getBoundingClientRect();
      const x0 = Math.max(clipsX ? rect.left : -Infinity, parentClip?.left ?? -Infinity);
      const y0 = Math.max(clipsY ? rect.top : -Infinity, parentClip?.top ?? -Infinity);
      const x1 = Math.min(clipsX ? rect.right : Infinity, parentClip?.right ?? Infinity);
      const y1 = Math.min(clipsY ? rect.bottom : Infinity, parentClip?.bottom ?? Infinity);
      result = new DOMRect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
    this.clipRects.set(el, result);
    return result;
  }

  /** The rectangles of every text node under an element, at any depth (light DOM, as a Range sees it). */
  private extentOf(el: Element): Extent {
    let extent = this.extents.get(el);
    if (extent) return extent;
    extent = { union: null, first: null };
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 || node.nodeType === 4) unite(extent, this.rangeRect(node));
      else if (node.nodeType === 1) {
        const inner = this.extentOf(node as Element);
        unite(extent, inner.union, inner.first);
      }
    }
    this.extents.set(el, extent);
    return extent;
  }

  /**
   * The box of the text itself, which overflows the element's box when it is clipped: what a Range
   * over the element's contents measures (the boxes of its child elements and the text at any
   * depth). A Range walks the whole subtree on every call, which makes nested containers
   * quadratic; the text's rectangles are gathered once per element instead.
   */
  textRect(el: Element): DOMRect | null {
    let rect: DOMRect | null;
    if (!el.firstElementChild) rect = this.rangeRect(el);
    else {
      const extent: Extent = { union: null, first: null };
      for (let node = el.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 3 || node.nodeType === 4) unite(extent, this.rangeRect(node));
        else if (node.nodeType === 1) {
          // In document order the child's own box comes before the text inside it.
          unite(extent, (node as Element).getBoundingClientRect());
          const inner = this.extentOf(node as Element);
          unite(extent, inner.union, inner.first);
        }
      }
      rect = extent.union ?? extent.first;
    }
    return rect && (rect.width || rect.height) ? rect : null;
  }
}
