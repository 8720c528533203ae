import type { RawElement } from '../dom-transfer.js';
import { attributeOf, has } from './attributes.js';
import { isVisuallyHidden, type Rect } from './boxes.js';
import { labelText, nameOf, textOf } from './names.js';
import { textFactsOf, type TextContext } from './text-facts.js';
import { besideText, collapse, contentText } from './text.js';
import type { Candidate } from './walk.js';

const LABELLED_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'METER', 'PROGRESS']);
/**
 * The elements `:disabled` can match: HTML's form controls, and form-associated custom elements
 * (whose names have a hyphen). Others are not asked, a selector match each spared.
 */
const DISABLEABLE_TAGS = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'OPTGROUP', 'OPTION', 'FIELDSET', 'OUTPUT', 'OBJECT']);

/** What one collection knows of the whole page, shared by every element's facts. */
export interface PageContext extends TextContext {
  /** Each kept element's place in the map, to find an element's nearest kept ancestor. */
  indexOf: Map<Element, number>;
  /** The nearest kept ancestor of elements that are not kept, found once for all their children. */
  keptAncestorOf: Map<Element, number>;
  labelsOf: Map<Element, HTMLLabelElement[]>;
  testIds: Map<string, number>;
  ids: Map<string, number>;
  /**
   * Some element of the page has aria-disabled="true": only then is each element's ancestry
   * searched for one (most pages have none, and the search is a call into the browser per element).
   */
  ariaDisabled: boolean;
}

/** The map index of the element's nearest kept ancestor, -1 when none is kept. */
function parentIndex(el: Element, context: PageContext): number {
  const parent = el.parentElement;
  if (!parent) return -1;
  const kept = context.indexOf.get(parent);
  if (kept !== undefined) return kept;
  let found = context.keptAncestorOf.get(parent);
  if (found === undefined) context.keptAncestorOf.set(parent, (found = parentIndex(parent, context)));
  return found;
}

function imageFacts(el: Element, tag: string, role: string | null, names: readonly string[], context: PageContext): RawElement['image'] {
  if (!(tag === 'IMG' || (tag === 'INPUT' && (el as HTMLInputElement).type === 'image') || role === 'img')) return null;
  const img = el as HTMLImageElement;
  const src = tag === 'IMG' ? img.currentSrc || img.src || '' : attributeOf(el, names, 'src') ?? '';
  return context.interned.image(
    has(names, 'alt'),
    attributeOf(el, names, 'alt') === '' || role === 'presentation' || role === 'none' || el.closest('[aria-hidden="true"]') !== null,
    Boolean(collapse(attributeOf(el, names, 'aria-label')) || attributeOf(el, names, 'aria-labelledby') || collapse(attributeOf(el, names, 'title'))),
    tag === 'IMG' && src !== '' && img.complete && img.naturalWidth === 0,
    src.slice(0, 300),
  );
}

export const ARIA_DISABLED = '[aria-disabled="true"]';

const tenth = (value: number) => Math.round(value * 10) / 10;

/** Everything the map reports about one kept element, whose box is `rect`. */
export function elementFacts({ el, tag, lowerTag, role, names, interactive, pixels, visible: checkVisible, ownText, soleText }: Candidate, rect: Rect, context: PageContext): RawElement {
  const visible = checkVisible && rect.width > 0 && rect.height > 0;
  const label = LABELLED_TAGS.has(tag) ? labelText(context.labelsOf.get(el)) : null;
  // Only text and links read their own style: a control or a picture without text reads none.
  const style = ownText || tag === 'A' ? context.styles.of(el) : null;
  const visuallyHidden = style !== null && ownText && isVisuallyHidden(rect, style);
  const text = style !== null && visible && ownText && !visuallyHidden ? textFactsOf(el, rect, style, context) : null;
  const inlineLink = style !== null && tag === 'A' && (besideText(el.previousSibling) || besideText(el.nextSibling)) && style.display === 'inline';
  const testId = attributeOf(el, names, 'data-testid');
  const id = has(names, 'id') ? el.id : '';
  let content: string | undefined;
  const contentOnce = () => (content ??= contentText(el, soleText));
  // Every element gets the same fields in the same order: the row encoding finds each field's place once.
  return {
    tag: lowerTag,
    role,
    name: nameOf(el, tag, names, role, label, contentOnce),
    label,
    text: textOf(el, tag, contentOnce),
    testId,
    testIdUnique: context.testIds.get(testId ?? '') === 1,
    idUnique: id !== '' && context.ids.get(id) === 1,
    placeholder: attributeOf(el, names, 'placeholder'),
    idAttr: id || null,
    title: attributeOf(el, names, 'title'),
    alt: attributeOf(el, names, 'alt'),
    box: [tenth(rect.left), tenth(rect.top), tenth(rect.width), tenth(rect.height)],
    visible,
    enabled: !((DISABLEABLE_TAGS.has(tag) || tag.includes('-')) && el.matches(':disabled')) && (!context.ariaDisabled || el.closest(ARIA_DISABLED) === null),
    interactive,
    pixels,
    parent: parentIndex(el, context),
    inlineLink,
    labelled: label !== null,
    textStyle: text?.textStyle ?? null,
    clipped: text?.clipped ?? null,
    visuallyHidden,
    coveredBy: text?.coveredBy ?? null,
    invisibleText: text?.invisibleText ?? null,
    image: imageFacts(el, tag, role, names, context),
  };
}
