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
    /** A background image, gradient or partial opacity makes the computed background a guess. */
    backgroundUncertain: boolean;
    fontSizePx: number;
    bold: boolean;
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

/**
 * Runs in the page. Keep it free of references to anything outside its body. Returns the RawDom as
 * JSON text: Playwright's structured transfer of thousands of small objects costs several times the
 * collection itself, a string crosses in one piece.
 */
export function collectDom(maxElements: number): string {
  const INTERACTIVE_ROLES = new Set([
    'button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio',
    'option', 'textbox', 'searchbox', 'combobox', 'slider', 'spinbutton', 'treeitem',
  ]);
  const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'OPTION', 'OPTGROUP', 'DATALIST', 'PARAM', 'SOURCE', 'TRACK', 'BR', 'WBR']);
  const PIXEL_TAGS = new Set(['IMG', 'CANVAS', 'SVG', 'VIDEO']);
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
  const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
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

  function labelOf(el: Element): string | null {
    const labels = (el as HTMLInputElement).labels;
    if (!labels || !labels.length) return null;
    return collapse(Array.from(labels, (label) => label.textContent).join(' ')) || null;
  }

  function byIds(ids: string): string {
    return collapse(ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  }

  function nameOf(el: Element, role: string | null, label: string | null): string {
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
    const fromContent = role === null || ['button', 'link', 'heading', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'cell', 'columnheader', 'listitem', 'switch', 'treeitem'].includes(role);
    if (fromContent) {
      const text = collapse(el.textContent);
      if (text) return clip(text);
      const img = el.querySelector('img[alt]');
      if (img) return collapse(img.getAttribute('alt'));
    }
    return collapse(el.getAttribute('title'));
  }

  function textOf(el: Element): string {
    const tag = el.tagName.toUpperCase();
    if (tag === 'INPUT') {
      const input = el as HTMLInputElement;
      if (['checkbox', 'radio', 'range', 'color', 'file', 'image', 'hidden'].includes(input.type)) return '';
      return collapse(input.value);
    }
    if (tag === 'TEXTAREA') return clip(collapse((el as HTMLTextAreaElement).value));
    if (tag === 'SELECT') return collapse((el as HTMLSelectElement).selectedOptions[0]?.textContent);
    return clip(collapse(el.textContent));
  }

  function parseColor(value: string): [number, number, number, number] {
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

  const backgrounds = new Map<Element, { rgb: [number, number, number]; uncertain: boolean }>();
  function backgroundOf(el: Element | null): { rgb: [number, number, number]; uncertain: boolean } {
    // The canvas under the root is white unless the root or body paints it.
    if (!el) return { rgb: [255, 255, 255], uncertain: false };
    const cached = backgrounds.get(el);
    if (cached) return cached;
    const style = styleOf(el);
    const [r, g, b, a] = parseColor(style.backgroundColor);
    const below = backgroundOf(el.parentElement);
    const result = {
      rgb: [r * a + below.rgb[0] * (1 - a), g * a + below.rgb[1] * (1 - a), b * a + below.rgb[2] * (1 - a)] as [number, number, number],
      uncertain: (a < 1 && below.uncertain) || style.backgroundImage !== 'none' || Number(style.opacity) < 1 || style.mixBlendMode !== 'normal',
    };
    backgrounds.set(el, result);
    return result;
  }

  const clipRects = new Map<Element, DOMRect | null>();
  /** The rectangle that overflow-hidden ancestors leave visible for an element's content. */
  function clipRectOf(el: Element | null): DOMRect | null {
    if (!el || el === document.documentElement) return null;
    if (clipRects.has(el)) return clipRects.get(el)!;
    const parentClip = clipRectOf(el.parentElement);
    const style = styleOf(el);
    let result = parentClip;
    if (/hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY)) {
      const rect = el.getBoundingClientRect();
      const clipsX = /hidden|clip/.test(style.overflowX);
      const clipsY = /hidden|clip/.test(style.overflowY);
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

  function isVisuallyHidden(rect: DOMRect, style: CSSStyleDeclaration): boolean {
    if (rect.width <= 1 || rect.height <= 1) return true;
    return style.clip === 'rect(0px, 0px, 0px, 0px)' || /inset\(50%\)/.test(style.clipPath);
  }

  function textRangeRect(el: Element): DOMRect | null {
    // The box of the text itself, which overflows the element's box when it is clipped.
    const range = document.createRange();
    range.selectNodeContents(el);
    const rect = range.getBoundingClientRect();
    return rect.width || rect.height ? rect : null;
  }

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
    role: string | null;
    interactive: boolean;
    pixels: boolean;
    visible: boolean;
  }
  const visibleFirst: Candidate[] = [];
  const hidden: Candidate[] = [];
  for (const el of all) {
    const tag = el.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag) || tag === 'HTML' || tag === 'BODY') continue;
    // Shapes inside an svg are its pixels; only its text elements are text.
    if (el instanceof SVGElement && tag !== 'SVG' && !(tag === 'TEXT' && hasOwnText(el))) continue;
    const role = roleOf(el);
    const interactive = isInteractive(el, role);
    const pixels = PIXEL_TAGS.has(tag) || role === 'img';
    const heading = role === 'heading';
    if (!interactive && !pixels && !heading && !hasOwnText(el)) continue;
    const visible = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    (visible ? visibleFirst : hidden).push({ el, role, interactive, pixels, visible });
  }
  const kept = visibleFirst.concat(hidden).slice(0, Math.max(0, maxElements));
  const omitted = visibleFirst.length + hidden.length - kept.length;
  // Back to document order, so the map reads like the page.
  const order = new Map(all.map((el, i) => [el, i]));
  kept.sort((a, b) => order.get(a.el)! - order.get(b.el)!);
  const indexOf = new Map(kept.map((candidate, i) => [candidate.el, i]));

  const elements: RawElement[] = kept.map(({ el, role, interactive, pixels, visible: checkVisible }) => {
    const tag = el.tagName.toUpperCase();
    const rect = el.getBoundingClientRect();
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
    const ownText = hasOwnText(el);
    const visuallyHidden = ownText && isVisuallyHidden(rect, style);

    let textStyle: RawElement['textStyle'] = null;
    let clipped: RawElement['clipped'] = null;
    let coveredBy: string | null = null;
    let invisibleText: string | null = null;
    if (visible && ownText && !visuallyHidden) {
      const background = backgroundOf(el);
      const fontSizePx = parseFloat(style.fontSize);
      textStyle = {
        color: parseColor(style.color),
        background: background.rgb.map((v) => Math.round(v)) as [number, number, number],
        backgroundUncertain: background.uncertain,
        fontSizePx,
        bold: Number(style.fontWeight) >= 700,
      };
      if (fontSizePx < 1) invisibleText = 'font-size is 0';
      else if (textStyle.color[3] === 0) invisibleText = 'text colour is transparent';
      const ownClip = /hidden|clip/.test(style.overflowX) || /hidden|clip/.test(style.overflowY) ? rect : null;
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
      image = {
        hasAlt: el.hasAttribute('alt'),
        decorative: el.getAttribute('alt') === '' || role === 'presentation' || role === 'none' || el.closest('[aria-hidden="true"]') !== null,
        named: Boolean(collapse(el.getAttribute('aria-label')) || el.getAttribute('aria-labelledby') || collapse(el.getAttribute('title'))),
        broken: tag === 'IMG' && src !== '' && img.complete && img.naturalWidth === 0,
        src: src.slice(0, 300),
      };
    }

    // Words right before or after the link: it sits in a sentence.
    const besideText = (node: Node | null) => node !== null && node.nodeType === 3 && /\S/.test(node.nodeValue ?? '');
    const inlineLink = tag === 'A' && (besideText(el.previousSibling) || besideText(el.nextSibling)) && style.display === 'inline';

    return {
      tag: el.tagName.toLowerCase(),
      role,
      name: nameOf(el, role, label),
      label,
      text: textOf(el),
      testId: el.getAttribute('data-testid'),
      testIdUnique: testIds.get(el.getAttribute('data-testid') ?? '') === 1,
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
  const grid = new Map<string, number[]>();
  const overlaps: RawOverlap[] = [];
  const seen = new Set<string>();
  const isAncestor = (maybeAncestor: number, of: number): boolean => {
    for (let up = elements[of]!.parent; up !== -1; up = elements[up]!.parent) if (up === maybeAncestor) return true;
    return false;
  };
  elements.forEach((element, i) => {
    if (!element.interactive || !element.visible) return;
    const [x, y, w, h] = element.box;
    for (let gx = Math.floor(x / CELL); gx <= Math.floor((x + w) / CELL); gx++) {
      for (let gy = Math.floor(y / CELL); gy <= Math.floor((y + h) / CELL); gy++) {
        const key = `${gx},${gy}`;
        const cell = grid.get(key) ?? [];
        for (const j of cell) {
          const pair = `${j},${i}`;
          if (seen.has(pair)) continue;
          seen.add(pair);
          const [ox, oy, ow, oh] = elements[j]!.box;
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

  const dom: RawDom = {
    url: location.href,
    viewport: { width: vw, height: vh },
    scroll: { x: window.scrollX, y: window.scrollY },
    elements,
    omitted,
    overlaps,
  };
  return JSON.stringify(dom);
}
