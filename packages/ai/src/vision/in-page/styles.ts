import { composite, contrastRatio } from '../contrast.js';
import { Colors, type Rgb } from './colors.js';

/** WCAG AA's contrast for normal text, the highest any text needs. */
const AA_NORMAL_TEXT = 4.5;
/** The canvas under the root is white unless the root or body paints it. */
const CANVAS: Rgb = [255, 255, 255];

/**
 * Computed styles and what follows from them (the background behind text, whether it is a guess,
 * contrast near AA), each read once per element for one collection: a collection reads the page as
 * it is at that moment, so nothing here outlives it.
 */
export class Styles {
  readonly colors = new Colors();
  private readonly styles = new Map<Element, CSSStyleDeclaration>();
  private readonly backgrounds = new Map<Element, Rgb>();
  private readonly uncertainties = new Map<Element, boolean>();
  // One array per distinct rounded colour, so equal backgrounds are one Map key in later lookups.
  private readonly roundedBy = new Map<Rgb, Rgb>();
  private readonly roundedByValue = new Map<string, Rgb>();
  private readonly nearLow = new Map<Rgb, Map<string, boolean>>();

  /**
   * The element's computed style, kept for later reads unless it is a `leaf` (no child element):
   * then no other element's facts read it again, and most of a page's 10,000 elements are leaves
   * whose styles would otherwise live, and be copied by every collection of young garbage, to the end.
   */
  of(el: Element, leaf = false): CSSStyleDeclaration {
    let style = this.styles.get(el);
    if (style) return style;
    style = getComputedStyle(el);
    if (!leaf) this.styles.set(el, style);
    return style;
  }

  /**
   * The colour behind an element's text: its background colour over its ancestors', down to the
   * canvas. `leafStyle`: the element is a leaf with this style, whose background nothing else asks for.
   */
  backgroundOf(el: Element | null, leafStyle?: CSSStyleDeclaration): Rgb {
    if (!el) return CANVAS;
    let rgb = this.backgrounds.get(el);
    if (rgb) return rgb;
    // Read by index: destructuring allocates an iterator per element where V8 does not optimize it away.
    const paint = this.colors.parse((leafStyle ?? this.of(el)).backgroundColor);
    const a = paint[3];
    const below = this.backgroundOf(el.parentElement);
    // Most elements paint no background: they share the one below (the same numbers a blend
    // with alpha 0 gives), so a page has few background arrays and rounds each once.
    rgb = a === 0 ? below : composite(paint, below);
    if (!leafStyle) this.backgrounds.set(el, rgb);
    return rgb;
  }

  /** The colour rounded to whole channels, as one shared array per distinct value. */
  rounded(rgb: Rgb): Rgb {
    let result = this.roundedBy.get(rgb);
    if (result) return result;
    const r = Math.round(rgb[0]);
    const g = Math.round(rgb[1]);
    const b = Math.round(rgb[2]);
    const key = `${r},${g},${b}`;
    result = this.roundedByValue.get(key);
    if (!result) this.roundedByValue.set(key, (result = [r, g, b]));
    this.roundedBy.set(rgb, result);
    return result;
  }

  /** Whether text of this colour on this (rounded) background is near or under AA's contrast, once per pair. */
  contrastNearLow(color: string, background: Rgb): boolean {
    let byColor = this.nearLow.get(background);
    if (!byColor) this.nearLow.set(background, (byColor = new Map<string, boolean>()));
    let near = byColor.get(color);
    if (near === undefined) {
      // The margin absorbs the rounding of colours on their way to the findings.
      near = contrastRatio(composite(this.colors.parse(color), background), background) < AA_NORMAL_TEXT * 1.01;
      byColor.set(color, near);
    }
    return near;
  }

  /** A background image, gradient, partial opacity or blending makes backgroundOf a guess. `leafStyle` as there. */
  uncertainOf(el: Element | null, leafStyle?: CSSStyleDeclaration): boolean {
    if (!el) return false;
    let uncertain = this.uncertainties.get(el);
    if (uncertain !== undefined) return uncertain;
    const style = leafStyle ?? this.of(el);
    uncertain =
      (this.colors.parse(style.backgroundColor)[3] < 1 && this.uncertainOf(el.parentElement)) ||
      style.backgroundImage !== 'none' ||
      Number(style.opacity) < 1 ||
      style.mixBlendMode !== 'normal';
    if (!leafStyle) this.uncertainties.set(el, uncertain);
    return uncertain;
  }
}
