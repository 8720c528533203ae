import type { RawElement } from '../dom-transfer.js';
import { clipsOverflow, type Rect, type TextBoxes } from './boxes.js';
import type { Interned } from './interned.js';
import type { Styles } from './styles.js';

type TextFacts = Pick<RawElement, 'textStyle' | 'clipped' | 'coveredBy' | 'invisibleText'>;

export interface TextContext {
  styles: Styles;
  boxes: TextBoxes;
  interned: Interned;
  /** A screenshot's pixels will be measured too (see CollectOptions). */
  measured: boolean;
  vw: number;
  vh: number;
}

/** An element as a short CSS-like name: tag, id and two classes. */
function describe(el: Element): string {
  const id = el.id ? `#${el.id}` : '';
  const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
  return `${el.tagName.toLowerCase()}${id}${cls}`;
}

/** Pixels of text outside the element's own overflow clip or an ancestor's, or cut with an ellipsis. */
function clippedText(el: Element, style: CSSStyleDeclaration, textRect: DOMRect, areas: (Rect | DOMRect | null)[]): RawElement['clipped'] {
  let hiddenX = 0;
  let hiddenY = 0;
  for (const area of areas) {
    if (!area) continue;
    hiddenX = Math.max(hiddenX, Math.max(0, area.left - textRect.left) + Math.max(0, textRect.right - area.right));
    hiddenY = Math.max(hiddenY, Math.max(0, area.top - textRect.top) + Math.max(0, textRect.bottom - area.bottom));
  }
  const ellipsis = style.textOverflow === 'ellipsis' && (el as HTMLElement).scrollWidth > (el as HTMLElement).clientWidth;
  return hiddenX > 1 || hiddenY > 1 || ellipsis ? { hiddenX: Math.round(hiddenX), hiddenY: Math.round(hiddenY), ellipsis } : null;
}

/** What is on top at the centre of the text, when it is neither the element nor its kin. */
function coverOf(el: Element, target: Rect | DOMRect, vw: number, vh: number): string | null {
  const cx = target.left + target.width / 2;
  const cy = target.top + target.height / 2;
  if (cx < 0 || cy < 0 || cx >= vw || cy >= vh) return null;
  const hit = document.elementFromPoint(cx, cy);
  return hit && hit !== el && !el.contains(hit) && !hit.contains(el) ? describe(hit) : null;
}

/**
 * How the text of a visible element with text of its own is drawn, and whether it can be seen,
 * written into `facts`. `leaf`: the element has no child element (see Styles.of).
 */
export function textFactsOf(el: Element, rect: Rect, style: CSSStyleDeclaration, leaf: boolean, context: TextContext, facts: TextFacts): void {
  const { styles, boxes, vw, vh } = context;
  const leafStyle = leaf ? style : undefined;
  const background = styles.rounded(styles.backgroundOf(el, leafStyle));
  const fontSizePx = parseFloat(style.fontSize);
  const color = style.color;
  // Whether the background is a guess changes a finding only where the contrast is near or under
  // AA's 4.5:1 or where a screenshot's pixels are measured too; whether the text is bold only
  // between 18.66 and 24 px (WCAG's large text). Each is a style read per element, so only those
  // elements read them.
  const uncertain = context.measured || styles.contrastNearLow(color, background) ? styles.uncertainOf(el, leafStyle) : null;
  const bold = fontSizePx >= 18.66 && fontSizePx < 24 ? Number(style.fontWeight) >= 700 : null;
  const textStyle = context.interned.textStyle(color, background, uncertain, fontSizePx, bold);
  let invisibleText: string | null = null;
  if (fontSizePx < 1) invisibleText = 'font-size is 0';
  else if (textStyle.color[3] === 0) invisibleText = 'text colour is transparent';
  const ownClip = clipsOverflow(style) ? rect : null;
  const ancestorClip = boxes.clipRectOf(el.parentElement);
  const onScreen = rect.right > 0 && rect.bottom > 0 && rect.left < vw && rect.top < vh;
  // Measuring the text's own box costs a Range per element: only where it can be clipped or covered.
  const textRect = ownClip || ancestorClip || onScreen ? boxes.textRect(el) : null;
  facts.textStyle = textStyle;
  facts.clipped = textRect && (ownClip || ancestorClip) ? clippedText(el, style, textRect, [ownClip, ancestorClip]) : null;
  // The centre of the text itself: a block's box centre may be empty space beside it.
  facts.coveredBy = onScreen ? coverOf(el, textRect ?? rect, vw, vh) : null;
  facts.invisibleText = invisibleText;
}
