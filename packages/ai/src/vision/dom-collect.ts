/**
 * What the page reports about one element. Collected by `collectDom`, which runs inside the page,
 * so it must stay self-contained: no imports, no outside helpers.
 */
export interface RawElement {
  tag: string;
  role: string | null;
  name: string;
  label: string | null;
  text: string;
  testId: string | null;
  /** No other element of the document has this test id / this id. */
  testIdUnique: boolean;
  idUnique: boolean;
  placeholder: string | null;
  idAttr: string | null;
  title: string | null;
  alt: string | null;
  box: [x: number, y: number, width: number, height: number];
  visible: boolean;
  enabled: boolean;
  interactive: boolean;
  pixels: boolean;
  /** Index of the nearest collected ancestor, to tell nesting from overlap. */
  parent: number;
  /** A link inside a run of text: WCAG exempts it from the target size rule. */
  inlineLink: boolean;
  /** A control with a label element, which is clickable too. */
  labelled: boolean;
  /** Facts about rendered text, for visible elements with text of their own. */
  textStyle: {
    color: [number, number, number, number];
    background: [number, number, number];
    /**
     * A background image, gradient or partial opacity makes the computed background a guess. Null:
     * not looked up, because it cannot change a finding (see collectDom).
     */
    backgroundUncertain: boolean | null;
    fontSizePx: number;
    /** Null: not looked up, because the font size alone decides whether the text is large. */
    bold: boolean | null;
  } | null;
  /** Pixels of text cut off by the element's own overflow or an ancestor's. */
  clipped: { hiddenX: number; hiddenY: number; ellipsis: boolean } | null;
  /** The visually-hidden pattern (1px box, clipped) used on purpose for screen reader text. */
  visuallyHidden: boolean;
  /** What is on top at the centre of a visible text element, when it is neither it nor its kin. */
  coveredBy: string | null;
  /** Text that cannot be seen although the DOM shows it: transparent colour or zero font size. */
  invisibleText: string | null;
  image: { hasAlt: boolean; decorative: boolean; named: boolean; broken: boolean; src: string } | null;
}

export interface RawOverlap {
  a: number;
  b: number;
  /** Intersection box. */
  box: [number, number, number, number];
  /** Share of the smaller element's area covered by the other. */
  share: number;
  /** Which of the two gets a click at the intersection's centre (-1: neither). */
  onTop: number;
}

export interface RawDom {
  url: string;
  viewport: { width: number; height: number };
  scroll: { x: number; y: number };
  elements: RawElement[];
  omitted: number;
  overlaps: RawOverlap[];
}

type FieldEncoding = 'value' | 'bit' | 'table' | 'orText';

/**
 * How each RawElement field crosses from the page: booleans as the bits of one number, tags, roles,
 * text styles and image facts as an index into a table of the distinct values (a page has few), a
 * name that is the element's text as 0 (most names come from the content), every other field by
 * its place in a row. Rows drop their trailing nulls, so the fields that are mostly null come last.
 * Moving the JSON costs in proportion to its size (the browser escapes it into a protocol message,
 * Node reads it back), and this is a small part of the same elements as objects with named fields.
 */
export const ELEMENT_ENCODING = {
  tag: 'table',
  role: 'table',
  text: 'value',
  name: 'orText',
  box: 'value',
  parent: 'value',
  textStyle: 'table',
  visible: 'bit',
  enabled: 'bit',
  interactive: 'bit',
  pixels: 'bit',
  inlineLink: 'bit',
  labelled: 'bit',
  visuallyHidden: 'bit',
  testIdUnique: 'bit',
  idUnique: 'bit',
  label: 'value',
  testId: 'value',
  placeholder: 'value',
  idAttr: 'value',
  title: 'value',
  alt: 'value',
  image: 'table',
  clipped: 'value',
  coveredBy: 'value',
  invisibleText: 'value',
} as const satisfies Record<keyof RawElement, FieldEncoding>;

/** What collectDom returns (as JSON): the RawDom with its elements encoded as ELEMENT_ENCODING says. */
interface DomTransfer extends Omit<RawDom, 'elements'> {
  /** Each element: the number holding its bits, then its other fields in ELEMENT_ENCODING's order. */
  rows: unknown[][];
  tables: Record<string, unknown[]>;
}

const ENCODED_FIELDS = Object.entries(ELEMENT_ENCODING) as [keyof RawElement, FieldEncoding][];
/** Each bit field's bit. */
const BIT = Object.fromEntries(ENCODED_FIELDS.filter(([, how]) => how === 'bit').map(([field], i) => [field, 1 << i])) as Record<keyof RawElement, number>;
/** Each other field's place in a row: the bits come first. */
const AT = Object.fromEntries(ENCODED_FIELDS.filter(([, how]) => how !== 'bit').map(([field], i) => [field, i + 1])) as Record<keyof RawElement, number>;

/** The RawDom from collectDom's JSON. */
export function readDom(json: string): RawDom {
  const { rows, tables, ...rest } = JSON.parse(json) as DomTransfer;
  const tableOf = (field: keyof RawElement) => tables[field] ?? [];
  const tags = tableOf('tag') as string[];
  const roles = tableOf('role') as string[];
  const textStyles = tableOf('textStyle') as NonNullable<RawElement['textStyle']>[];
  const images = tableOf('image') as NonNullable<RawElement['image']>[];
  // Each field read at its own constant place (AT and BIT are read once per field, not per element
  // through a key), and written out field by field, so every element gets one object shape (the
  // analysis reads each field many times) and the compiler checks that none is missing.
  const at = <T>(row: unknown[], place: number) => (row[place] ?? null) as T;
  const fromTable = <T>(row: unknown[], place: number, table: T[]) => {
    const index = row[place] as number | null | undefined;
    return index === null || index === undefined ? null : table[index]!;
  };
  const elements = new Array<RawElement>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const flags = row[0] as number;
    const text = row[AT.text] as string;
    const name = row[AT.name] as string | 0;
    elements[i] = {
      tag: tags[row[AT.tag] as number]!,
      role: fromTable(row, AT.role, roles),
      name: name === 0 ? text : name,
      label: at(row, AT.label),
      text,
      testId: at(row, AT.testId),
      testIdUnique: (flags & BIT.testIdUnique) !== 0,
      idUnique: (flags & BIT.idUnique) !== 0,
      placeholder: at(row, AT.placeholder),
      idAttr: at(row, AT.idAttr),
      title: at(row, AT.title),
      alt: at(row, AT.alt),
      box: row[AT.box] as RawElement['box'],
      visible: (flags & BIT.visible) !== 0,
      enabled: (flags & BIT.enabled) !== 0,
      interactive: (flags & BIT.interactive) !== 0,
      pixels: (flags & BIT.pixels) !== 0,
      parent: row[AT.parent] as number,
      inlineLink: (flags & BIT.inlineLink) !== 0,
      labelled: (flags & BIT.labelled) !== 0,
      textStyle: fromTable(row, AT.textStyle, textStyles),
      clipped: at(row, AT.clipped),
      visuallyHidden: (flags & BIT.visuallyHidden) !== 0,
      coveredBy: at(row, AT.coveredBy),
      invisibleText: at(row, AT.invisibleText),
      image: fromTable(row, AT.image, images),
    };
  }
  return { ...rest, elements };
}

export interface CollectOptions {
  maxElements: number;
  encoding: typeof ELEMENT_ENCODING;
  /** A screenshot's pixels will be measured too, so a guessed background matters at any contrast. */
  measured: boolean;
}

/**
 * Runs in the page. Keep it free of references to anything outside its body (the encoding comes in
 * as an argument). Returns the RawDom as JSON text for readDom: Playwright's structured transfer of
 * thousands of small objects costs several times the collection itself, a string crosses in one piece.
 */
export function collectDom({ maxElements, encoding, measured }: CollectOptions): string {
  /** WCAG AA's contrast for normal text, the highest any text needs. */
  const AA_NORMAL_TEXT = 4.5;
  const INTERACTIVE_ROLES = new Set([
    'button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio',
    'option', 'textbox', 'searchbox', 'combobox', 'slider', 'spinbutton', 'treeitem',
  ]);
  const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'OPTGROUP', 'DATALIST', 'PARAM', 'SOURCE', 'TRACK', 'BR', 'WBR']);
  const PIXEL_TAGS = new Set(['IMG', 'CANVAS', 'SVG', 'VIDEO']);
  const NAMED_FROM_CONTENT = new Set(['button', 'link', 'heading', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'cell', 'columnheader', 'listitem', 'switch', 'treeitem']);
  const INPUT_ROLES: Record<string, string> = {
    button: 'button', checkbox: 'checkbox', image: 'button', number: 'spinbutton', radio: 'radio', range: 'slider',
    reset: 'button', submit: 'button', search: 'searchbox', file: 'button', color: 'button',
  };
  const TAG_ROLES: Record<string, string> = {
    BUTTON: 'button', SELECT: 'combobox', TEXTAREA: 'textbox', H1: 'heading', H2: 'heading', H3: 'heading',
    H4: 'heading', H5: 'heading', H6: 'heading', NAV: 'navigation', MAIN: 'main', UL: 'list', OL: 'list', LI: 'listitem',
    TABLE: 'table', TR: 'row', TD: 'cell', TH: 'columnheader', DIALOG: 'dialog', PROGRESS: 'progressbar',
    SUMMARY: 'button', P: 'paragraph', LABEL: '', FORM: 'form', ARTICLE: 'article', ASIDE: 'complementary',
    CANVAS: '', VIDEO: '', FIGURE: 'figure', HR: 'separator',
  };
  // Most text has no run of spaces to fold, and testing for one is cheaper than replacing.
  const collapse = (text: string | null | undefined) => (text && /[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text ?? '').trim();
  const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);
  const vw = window.innerWidth;
  const vh = window.innerHeight;

  function roleOf(el: Element): string | null {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(/\s+/)[0] ?? null;
    const tag = el.tagName.toUpperCase();
    if (tag === 'A' || tag === 'AREA') return el.hasAttribute('href') ? 'link' : null;
    if (tag === 'INPUT') {
      const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
      if (type === 'hidden') return null;
      if (el.hasAttribute('list') && ['text', 'search', 'email', 'tel', 'url'].includes(type)) return 'combobox';
      return INPUT_ROLES[type] ?? 'textbox';
    }
    if (tag === 'SELECT') {
      const select = el as HTMLSelectElement;
      return select.multiple || select.size > 1 ? 'listbox' : 'combobox';
    }
    if (tag === 'IMG') return el.getAttribute('alt') === '' ? 'presentation' : 'img';
    if (tag === 'SECTION') return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : null;
    return TAG_ROLES[tag] || null;
  }

  function isInteractive(el: Element, role: string | null): boolean {
    const tag = el.tagName.toUpperCase();
    if (tag === 'A') return el.hasAttribute('href');
    if (tag === 'INPUT') return (el as HTMLInputElement).type !== 'hidden';
    if (tag === 'BUTTON' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'SUMMARY') return true;
    if (role && INTERACTIVE_ROLES.has(role)) return true;
    if (el.hasAttribute('onclick') || (el as HTMLElement).isContentEditable) return true;
    const tabindex = el.getAttribute('tabindex');
    return tabindex !== null && Number(tabindex) >= 0;
  }

  function hasOwnText(el: Element): boolean {
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 && /\S/.test(node.nodeValue ?? '')) return true;
    }
    return false;
  }

  // A control's `labels` is a live list that searches the whole document on each read: one pass
  // over the label elements finds every label's control instead (same labels, same order).
  const labelsOf = new Map<Element, HTMLLabelElement[]>();
  function labelOf(el: Element): string | null {
    const labels = labelsOf.get(el);
    if (!labels) return null;
    return collapse(labels.map((label) => label.textContent).join(' ')) || null;
  }

  /**
   * clip(collapse(el.textContent)) without building the whole text of a large subtree: containers
   * nest, and reading each one's full text makes a deep page quadratic. Once more than 200
   * non-space characters are in, the clipped text cannot change.
   */
  function contentText(el: Element): string {
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
      if (solid > 200) break;
    }
    return clip(collapse(raw));
  }

  function byIds(ids: string): string {
    return collapse(ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  }

  function nameOf(el: Element, role: string | null, label: string | null, content: () => string): string {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      const named = byIds(labelledBy);
      if (named) return named;
    }
    const ariaLabel = collapse(el.getAttribute('aria-label'));
    if (ariaLabel) return ariaLabel;
    const tag = el.tagName.toUpperCase();
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
      const type = (el as HTMLInputElement).type;
      if (['submit', 'button', 'reset'].includes(type)) return collapse((el as HTMLInputElement).value) || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
      if (type === 'image') return collapse(el.getAttribute('alt')) || collapse(el.getAttribute('title'));
      return label ?? (collapse(el.getAttribute('title')) || collapse(el.getAttribute('placeholder')));
    }
    if (tag === 'IMG' || tag === 'AREA') return collapse(el.getAttribute('alt')) || collapse(el.getAttribute('title'));
    const fromContent = role === null || NAMED_FROM_CONTENT.has(role);
    if (fromContent) {
      const text = content();
      if (text) return text;
      const img = el.querySelector('img[alt]');
      if (img) return collapse(img.getAttribute('alt'));
    }
    return collapse(el.getAttribute('title'));
  }

  function textOf(el: Element, content: () => string): string {
    const tag = el.tagName.toUpperCase();
    if (tag === 'INPUT') {
      const input = el as HTMLInputElement;
      if (['checkbox', 'radio', 'range', 'color', 'file', 'image', 'hidden'].includes(input.type)) return '';
      return collapse(input.value);
    }
    if (tag === 'TEXTAREA') return clip(collapse((el as HTMLTextAreaElement).value));
    if (tag === 'SELECT') return collapse((el as HTMLSelectElement).selectedOptions[0]?.textContent);
    return content();
  }

  // A page uses a handful of colours; parsing each element's again is a good part of the time.
  const colors = new Map<string, [number, number, number, number]>();
  function parseColor(value: string): [number, number, number, number] {
    let parsed = colors.get(value);
    if (!parsed) colors.set(value, (parsed = readColor(value)));
    return parsed;
  }

  function readColor(value: string): [number, number, number, number] {
    const match = value.match(/rgba?\(([^)]+)\)/);
    if (!match) return [0, 0, 0, value === 'transparent' ? 0 : 1];
    const parts = match[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  }

  const styles = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (el: Element) => {
    let style = styles.get(el);
    if (!style) styles.set(el, (style = getComputedStyle(el)));
    return style;
  };

  // A page has a handful of text styles: one object for each, which the encoding sends once. Found
  // by background (one array per colour, see rounded), colour and size, then among the few styles
  // that share all three: no key string per element.
  const textStyles = new Map<[number, number, number], Map<string, Map<number, NonNullable<RawElement['textStyle']>[]>>>();
  function textStyleOf(color: string, background: [number, number, number], uncertain: boolean | null, fontSizePx: number, bold: boolean | null): NonNullable<RawElement['textStyle']> {
    let byColor = textStyles.get(background);
    if (!byColor) textStyles.set(background, (byColor = new Map()));
    let bySize = byColor.get(color);
    if (!bySize) byColor.set(color, (bySize = new Map()));
    let alike = bySize.get(fontSizePx);
    if (!alike) bySize.set(fontSizePx, (alike = []));
    let textStyle = alike.find((style) => style.backgroundUncertain === uncertain && style.bold === bold);
    if (!textStyle) alike.push((textStyle = { color: parseColor(color), background, backgroundUncertain: uncertain, fontSizePx, bold }));
    return textStyle;
  }

  // Pages repeat images (icons, avatars): equal facts share one object, which the encoding sends once.
  const images = new Map<string, NonNullable<RawElement['image']>>();
  function imageOf(hasAlt: boolean, decorative: boolean, named: boolean, broken: boolean, src: string): NonNullable<RawElement['image']> {
    const key = `${hasAlt}|${decorative}|${named}|${broken}|${src}`;
    let image = images.get(key);
    if (!image) images.set(key, (image = { hasAlt, decorative, named, broken, src }));
    return image;
  }

  const CANVAS: [number, number, number] = [255, 255, 255];
  const backgrounds = new Map<Element, [number, number, number]>();
  /** The colour behind an element's text: its background colour over its ancestors', down to the canvas. */
  function backgroundOf(el: Element | null): [number, number, number] {
    // The canvas under the root is white unless the root or body paints it.
    if (!el) return CANVAS;
    let rgb = backgrounds.get(el);
    if (rgb) return rgb;
    // Read by index: destructuring allocates an iterator per element where V8 does not optimize it away.
    const paint = parseColor(styleOf(el).backgroundColor);
    const a = paint[3];
    const below = backgroundOf(el.parentElement);
    // Most elements paint no background: they share the one below (the same numbers a blend
    // with alpha 0 gives), so a page has few background arrays and rounds each once.
    rgb = a === 0 ? below : [paint[0] * a + below[0] * (1 - a), paint[1] * a + below[1] * (1 - a), paint[2] * a + below[2] * (1 - a)];
    backgrounds.set(el, rgb);
    return rgb;
  }

  // One array per distinct rounded colour, so equal backgrounds are one Map key below.
  const roundedBy = new Map<[number, number, number], [number, number, number]>();
  const roundedByValue = new Map<string, [number, number, number]>();
  function rounded(rgb: [number, number, number]): [number, number, number] {
    let result = roundedBy.get(rgb);
    if (result) return result;
    const [r, g, b] = [Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2])];
    const key = `${r},${g},${b}`;
    result = roundedByValue.get(key);
    if (!result) roundedByValue.set(key, (result = [r, g, b]));
    roundedBy.set(rgb, result);
    return result;
  }

  /** Whether text of this colour on this (rounded) background is near or under AA's contrast, once per pair. */
  const nearLow = new Map<[number, number, number], Map<string, boolean>>();
  function contrastNearLow(color: string, background: [number, number, number]): boolean {
    let byColor = nearLow.get(background);
    if (!byColor) nearLow.set(background, (byColor = new Map()));
    let near = byColor.get(color);
    // The margin absorbs any rounding difference from contrast.ts's computation.
    if (near === undefined) byColor.set(color, (near = contrastOf(parseColor(color), background) < AA_NORMAL_TEXT * 1.01));
    return near;
  }

  const uncertainties = new Map<Element, boolean>();
  /** A background image, gradient, partial opacity or blending makes backgroundOf a guess. */
  function uncertainOf(el: Element | null): boolean {
    if (!el) return false;
    let uncertain = uncertainties.get(el);
    if (uncertain !== undefined) return uncertain;
    const style = styleOf(el);
    uncertain = (parseColor(style.backgroundColor)[3] < 1 && uncertainOf(el.parentElement)) || style.backgroundImage !== 'none' || Number(style.opacity) < 1 || style.mixBlendMode !== 'normal';
    uncertainties.set(el, uncertain);
    return uncertain;
  }

  /**
   * WCAG 2 contrast of a text colour over an opaque background, as contrast.ts computes it (this
   * function runs in the page, so it cannot import that).
   */
  function contrastOf([r, g, b, a]: [number, number, number, number], background: [number, number, number]): number {
    const linear = (channel: number) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (rgb: [number, number, number]) => 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    const fg = luminance([r * a + background[0] * (1 - a), g * a + background[1] * (1 - a), b * a + background[2] * (1 - a)]);
    const bg = luminance(background);
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  }

  const clipsOverflow = (style: CSSStyleDeclaration) => /hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY);
  const clipRects = new Map<Element, DOMRect | null>();
  /** The rectangle that overflow-hidden ancestors leave visible for an element's content. */
  function clipRectOf(el: Element | null): DOMRect | null {
    if (!el || el === document.documentElement) return null;
    if (clipRects.has(el)) return clipRects.get(el)!;
    const parentClip = clipRectOf(el.parentElement);
    const style = styleOf(el);
    let result = parentClip;
    const clipsX = /hidden|clip/.test(style.overflowX);
    const clipsY = /hidden|clip/.test(style.overflowY);
    if (clipsX || clipsY) {
      const rect = el.getBoundingClientRect();
      const left = clipsX ? rect.left : -Infinity;
      const top = clipsY ? rect.top : -Infinity;
      const right = clipsX ? rect.right : Infinity;
      const bottom = clipsY ? rect.bottom : Infinity;
      const x0 = Math.max(left, parentClip?.left ?? -Infinity);
      const y0 = Math.max(top, parentClip?.top ?? -Infinity);
      const x1 = Math.min(right, parentClip?.right ?? Infinity);
      const y1 = Math.min(bottom, parentClip?.bottom ?? Infinity);
      result = new DOMRect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
    clipRects.set(el, result);
    return result;
  }

  interface Rect {
    left: number;
    top: number;
    right: number;
    bottom: number;
    width: number;
    height: number;
  }
  /** A DOMRect's sides read once: each read of a DOMRect property is a call into the browser. */
  const plain = ({ left, top, right, bottom, width, height }: DOMRect): Rect => ({ left, top, right, bottom, width, height });

  function isVisuallyHidden(rect: Rect, style: CSSStyleDeclaration): boolean {
    if (rect.width <= 1 || rect.height <= 1) return true;
    return style.clip === 'rect(0px, 0px, 0px, 0px)' || /inset\(50%\)/.test(style.clipPath);
  }

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
  const range = document.createRange();
  const rangeRect = (node: Node) => {
    range.selectNodeContents(node);
    return range.getBoundingClientRect();
  };
  const textExtents = new Map<Element, Extent>();
  /** The rectangles of every text node under an element, at any depth (light DOM, as a Range sees it). */
  function textExtentOf(el: Element): Extent {
    let extent = textExtents.get(el);
    if (extent) return extent;
    extent = { union: null, first: null };
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 || node.nodeType === 4) unite(extent, rangeRect(node));
      else if (node.nodeType === 1) {
        const inner = textExtentOf(node as Element);
        unite(extent, inner.union, inner.first);
      }
    }
    textExtents.set(el, extent);
    return extent;
  }

  /**
   * The box of the text itself, which overflows the element's box when it is clipped: what a Range
   * over the element's contents measures (the boxes of its child elements and the text at any
   * depth). A Range walks the whole subtree on every call, which makes nested containers
   * quadratic; the text's rectangles are gathered once per element instead.
   */
  function textRangeRect(el: Element): DOMRect | null {
    let rect: DOMRect | null;
    if (!el.firstElementChild) rect = rangeRect(el);
    else {
      const extent: Extent = { union: null, first: null };
      for (let node = el.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 3 || node.nodeType === 4) unite(extent, rangeRect(node));
        else if (node.nodeType === 1) {
          // In document order the child's own box comes before the text inside it.
          unite(extent, (node as Element).getBoundingClientRect());
          const inner = textExtentOf(node as Element);
          unite(extent, inner.union, inner.first);
        }
      }
      rect = extent.union ?? extent.first;
    }
    return rect && (rect.width || rect.height) ? rect : null;
  }

  /** Words right before or after a link: it sits in a sentence. */
  const besideText = (node: Node | null) => node !== null && node.nodeType === 3 && /\S/.test(node.nodeValue ?? '');

  function describe(el: Element): string {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${id}${cls}`;
  }

  // Open shadow roots hold elements as real as the light DOM's.
  const all: Element[] = [];
  const gather = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      all.push(el);
      if (el.shadowRoot) gather(el.shadowRoot);
    }
  };
  gather(document);
  const testIds = new Map<string, number>();
  const ids = new Map<string, number>();
  for (const el of all) {
    const testId = el.getAttribute('data-testid');
    if (testId !== null) testIds.set(testId, (testIds.get(testId) ?? 0) + 1);
    if (el.id) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
  }

  interface Candidate {
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
  const visibleFirst: Candidate[] = [];
  const hidden: Candidate[] = [];
  all.forEach((el, order) => {
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag) || tag === 'HTML' || tag === 'BODY') return;
    // Shapes inside an svg are its pixels; only its text elements are text.
    if (el instanceof SVGElement && tag !== 'SVG' && !(tag === 'TEXT' && hasOwnText(el))) return;
    const role = roleOf(el);
    const interactive = isInteractive(el, role);
    const pixels = PIXEL_TAGS.has(tag) || role === 'img';
    const heading = role === 'heading';
    const ownText = hasOwnText(el);
    if (!interactive && !pixels && !heading && !ownText) return;
    const visible = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    (visible ? visibleFirst : hidden).push({ el, tag, order, role, interactive, pixels, visible, ownText });
  });
  const kept = visibleFirst.concat(hidden).slice(0, Math.max(0, maxElements));
  const omitted = visibleFirst.length + hidden.length - kept.length;
  // Back to document order, so the map reads like the page.
  kept.sort((a, b) => a.order - b.order);
  const indexOf = new Map(kept.map((candidate, i) => [candidate.el, i]));

  for (const el of all) {
    if (el.tagName.toUpperCase() !== 'LABEL') continue;
    const control = (el as HTMLLabelElement).control;
    if (!control) continue;
    const labels = labelsOf.get(control);
    if (labels) labels.push(el as HTMLLabelElement);
    else labelsOf.set(control, [el as HTMLLabelElement]);
  }

  // Every box in one pass before any style is read: measured faster than one box between each
  // element's style reads.
  const rects = kept.map(({ el }) => plain(el.getBoundingClientRect()));
  const elements: RawElement[] = kept.map(({ el, tag, role, interactive, pixels, visible: checkVisible, ownText }, index) => {
    const rect = rects[index]!;
    const visible = checkVisible && rect.width > 0 && rect.height > 0;
    const label = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'METER' || tag === 'PROGRESS' ? labelOf(el) : null;
    let parent = -1;
    for (let up = el.parentElement; up; up = up.parentElement) {
      const found = indexOf.get(up);
      if (found !== undefined) {
        parent = found;
        break;
      }
    }
    const style = styleOf(el);
    const visuallyHidden = ownText && isVisuallyHidden(rect, style);

    let textStyle: RawElement['textStyle'] = null;
    let clipped: RawElement['clipped'] = null;
    let coveredBy: string | null = null;
    let invisibleText: string | null = null;
    if (visible && ownText && !visuallyHidden) {
      const background = rounded(backgroundOf(el));
      const fontSizePx = parseFloat(style.fontSize);
      const color = style.color;
      // Whether the background is a guess changes a finding only where the contrast is near or
      // under AA's 4.5:1 or where a screenshot's pixels are measured too; whether the text is bold
      // only between 18.66 and 24 px (WCAG's large text). Each is a style read per element, so
      // only those elements read them.
      const uncertain = measured || contrastNearLow(color, background) ? uncertainOf(el) : null;
      const bold = fontSizePx >= 18.66 && fontSizePx < 24 ? Number(style.fontWeight) >= 700 : null;
      textStyle = textStyleOf(color, background, uncertain, fontSizePx, bold);
      if (fontSizePx < 1) invisibleText = 'font-size is 0';
      else if (textStyle.color[3] === 0) invisibleText = 'text colour is transparent';
      const ownClip = clipsOverflow(style) ? rect : null;
      const ancestorClip = clipRectOf(el.parentElement);
      const onScreen = rect.right > 0 && rect.bottom > 0 && rect.left < vw && rect.top < vh;
      // Measuring the text's own box costs a Range per element: only where it can be clipped or covered.
      const textRect = ownClip || ancestorClip || onScreen ? textRangeRect(el) : null;
      if (textRect && (ownClip || ancestorClip)) {
        let hiddenX = 0;
        let hiddenY = 0;
        for (const area of [ownClip, ancestorClip]) {
          if (!area) continue;
          hiddenX = Math.max(hiddenX, Math.max(0, area.left - textRect.left) + Math.max(0, textRect.right - area.right));
          hiddenY = Math.max(hiddenY, Math.max(0, area.top - textRect.top) + Math.max(0, textRect.bottom - area.bottom));
        }
        const ellipsis = style.textOverflow === 'ellipsis' && (el as HTMLElement).scrollWidth > (el as HTMLElement).clientWidth;
        if (hiddenX > 1 || hiddenY > 1 || ellipsis) {
          clipped = { hiddenX: Math.round(hiddenX), hiddenY: Math.round(hiddenY), ellipsis };
        }
      }
      if (onScreen) {
        // The centre of the text itself: a block's box centre may be empty space beside it.
        const target = textRect ?? rect;
        const cx = target.left + target.width / 2;
        const cy = target.top + target.height / 2;
        if (cx >= 0 && cy >= 0 && cx < vw && cy < vh) {
          const hit = document.elementFromPoint(cx, cy);
          if (hit && hit !== el && !el.contains(hit) && !hit.contains(el)) coveredBy = describe(hit);
        }
      }
    }

    let image: RawElement['image'] = null;
    if (tag === 'IMG' || (tag === 'INPUT' && (el as HTMLInputElement).type === 'image') || role === 'img') {
      const img = el as HTMLImageElement;
      const src = tag === 'IMG' ? img.currentSrc || img.src || '' : el.getAttribute('src') ?? '';
      image = imageOf(
        el.hasAttribute('alt'),
        el.getAttribute('alt') === '' || role === 'presentation' || role === 'none' || el.closest('[aria-hidden="true"]') !== null,
        Boolean(collapse(el.getAttribute('aria-label')) || el.getAttribute('aria-labelledby') || collapse(el.getAttribute('title'))),
        tag === 'IMG' && src !== '' && img.complete && img.naturalWidth === 0,
        src.slice(0, 300),
      );
    }

    const inlineLink = tag === 'A' && (besideText(el.previousSibling) || besideText(el.nextSibling)) && style.display === 'inline';

    const testId = el.getAttribute('data-testid');
    let content: string | undefined;
    const contentOnce = () => (content ??= contentText(el));
    return {
      tag: el.tagName.toLowerCase(),
      role,
      name: nameOf(el, role, label, contentOnce),
      label,
      text: textOf(el, contentOnce),
      testId,
      testIdUnique: testIds.get(testId ?? '') === 1,
      idUnique: el.id !== '' && ids.get(el.id) === 1,
      placeholder: el.getAttribute('placeholder'),
      idAttr: el.id || null,
      title: el.getAttribute('title'),
      alt: el.getAttribute('alt'),
      box: [Math.round(rect.left * 10) / 10, Math.round(rect.top * 10) / 10, Math.round(rect.width * 10) / 10, Math.round(rect.height * 10) / 10],
      visible,
      enabled: !el.matches(':disabled') && el.closest('[aria-disabled="true"]') === null,
      interactive,
      pixels,
      parent,
      inlineLink,
      labelled: label !== null,
      textStyle,
      clipped,
      visuallyHidden,
      coveredBy,
      invisibleText,
      image,
    };
  });

  // Overlaps between visible interactive elements, found through a coarse grid instead of all pairs.
  const CELL = 64;
  // A number per cell is a cheaper key than a string; rows of 2^20 cells are wider than any page.
  const grid = new Map<number, number[]>();
  const overlaps: RawOverlap[] = [];
  // Pairs are met only while their later element is placed: the last element each was paired with
  // is enough to skip a pair met again in another shared cell.
  const pairedWith = new Int32Array(elements.length).fill(-1);
  const isAncestor = (maybeAncestor: number, of: number): boolean => {
    for (let up = elements[of]!.parent; up !== -1; up = elements[up]!.parent) if (up === maybeAncestor) return true;
    return false;
  };
  elements.forEach((element, i) => {
    if (!element.interactive || !element.visible) return;
    const box = element.box;
    const x = box[0];
    const y = box[1];
    const w = box[2];
    const h = box[3];
    for (let gx = Math.floor(x / CELL); gx <= Math.floor((x + w) / CELL); gx++) {
      for (let gy = Math.floor(y / CELL); gy <= Math.floor((y + h) / CELL); gy++) {
        const key = gy * 1_048_576 + gx;
        const cell = grid.get(key) ?? [];
        for (const j of cell) {
          if (pairedWith[j] === i) continue;
          pairedWith[j] = i;
          const other = elements[j]!.box;
          const ox = other[0];
          const oy = other[1];
          const ow = other[2];
          const oh = other[3];
          const ix = Math.max(x, ox);
          const iy = Math.max(y, oy);
          const iw = Math.min(x + w, ox + ow) - ix;
          const ih = Math.min(y + h, oy + oh) - iy;
          if (iw < 1 || ih < 1 || isAncestor(j, i) || isAncestor(i, j)) continue;
          const share = (iw * ih) / Math.min(w * h, ow * oh);
          const hit = ix + iw / 2 < vw && iy + ih / 2 < vh && ix + iw / 2 >= 0 && iy + ih / 2 >= 0 ? document.elementFromPoint(ix + iw / 2, iy + ih / 2) : null;
          const onTop = hit && (kept[i]!.el === hit || kept[i]!.el.contains(hit)) ? i : hit && (kept[j]!.el === hit || kept[j]!.el.contains(hit)) ? j : -1;
          overlaps.push({ a: j, b: i, box: [ix, iy, iw, ih], share, onTop });
        }
        cell.push(i);
        grid.set(key, cell);
      }
    }
  });

  const fields = Object.entries(encoding) as [keyof RawElement, FieldEncoding][];
  // Every element has the same fields in the same order: each field's place among an element's
  // values, found once, lets the rows read values by index instead of by a field name per element
  // (a lookup by changing key is slow in V8, and the rows read 26 fields of thousands of elements).
  const valueAt = new Map(Object.keys(elements[0] ?? encoding).map((field, i) => [field, i]));
  const placeOf = (field: keyof RawElement) => valueAt.get(field)!;
  const bits = fields.filter(([, how]) => how === 'bit').map(([field]) => placeOf(field));
  const textAt = placeOf('text');
  const tables: Record<string, unknown[]> = {};
  // A table field's values are strings or repeat as the same object (see textStyleOf, imageOf): a Map finds them.
  const placed = fields
    .filter(([, how]) => how !== 'bit')
    .map(([field, how]) => ({ at: placeOf(field), orText: how === 'orText', table: how === 'table' ? (tables[field] = [] as unknown[]) : null, known: new Map<unknown, number>() }));
  const rows = elements.map((element) => {
    const values: unknown[] = Object.values(element);
    let flags = 0;
    for (let bit = 0; bit < bits.length; bit++) if (values[bits[bit]!]) flags |= 1 << bit;
    const row: unknown[] = [flags];
    for (let i = 0; i < placed.length; i++) {
      const { at, orText, table, known } = placed[i]!;
      const value = values[at];
      if (orText && value === values[textAt]) row.push(0);
      else if (!table || value === null) row.push(value);
      else {
        let entry = known.get(value);
        if (entry === undefined) known.set(value, (entry = table.push(value) - 1));
        row.push(entry);
      }
    }
    while (row[row.length - 1] === null) row.pop();
    return row;
  });
  const dom: DomTransfer = {
    url: location.href,
    viewport: { width: vw, height: vh },
    scroll: { x: window.scrollX, y: window.scrollY },
    rows,
    tables,
    omitted,
    overlaps,
  };
  return JSON.stringify(dom);
}
