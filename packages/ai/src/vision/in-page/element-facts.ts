import type { RawElement } from '../dom-transfer.js';
import { attributeOf, has } from './attributes.js';
import { isVisuallyHidden, type Rect } from './boxes.js';
import { labelText, nameOf, textOf } from './names.js';
import { textFactsOf, type TextContext } from './text-facts.js';
import { besideText, collapse, contentText } from './text.js';
import type { Candidate } from './walk.js';

const LABELLED_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'METER', 'PROGRESS']);
/** The tags whose text and name come from their value or labels, never from their content (see names.ts). */
const FORM_CONTROL_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/**
 * The elements `:disabled` can match: HTML's form controls, and form-associated custom elements
 * (whose names have a hyphen). Others are not asked, a selector match each spared.
 */
const DISABLEABLE_TAGS = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'OPTGROUP', 'OPTION', 'FIELDSET', 'OUTPUT', 'OBJECT']);

/** What one collection knows of the whole page, shared by every element's facts. */
export interface PageContext extends TextContext {
  /** The place in the map of each kept element with child elements (the only ones that can be a nearest kept ancestor), set before its children ask. */
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

/** A facts object with every field set, for elementFacts to fill for each element in turn. */
export function emptyFacts(): RawElement {
  return {
    tag: '', role: null, name: '', label: null, text: '', testId: null, testIdUnique: false, idUnique: false,
    placeholder: null, idAttr: null, title: null, alt: null, box: [0, 0, 0, 0], visible: false, enabled: false,
    interactive: false, pixels: false, parent: -1, inlineLink: false, labelled: false, textStyle: null, clipped: null,
    visuallyHidden: false, coveredBy: null, invisibleText: null, image: null,
  };
}

/**
 * Everything the map reports about one kept element, whose box is `rect`, written into `facts`
 * (see emptyFacts), which the caller encodes before the next element's: one object for all
 * elements, not 10,000 that a fresh document's collection would allocate and collect.
 */
export function elementFacts({ el, tag, lowerTag, role, names, interactive, pixels, visible: checkVisible, ownText, soleText }: Candidate, rect: Rect, context: PageContext, facts: RawElement): void {
  const visible = checkVisible && rect.width > 0 && rect.height > 0;
  // A leaf (no child element) is no other element's ancestor: nothing of it is kept for later.
  const leaf = soleText !== null;
  const label = LABELLED_TAGS.has(tag) ? labelText(context.labelsOf.get(el)) : null;
  // Only text and links read their own style: a control or a picture without text reads none.
  const style = ownText || tag === 'A' ? context.styles.of(el, leaf) : null;
  const visuallyHidden = style !== null && ownText && isVisuallyHidden(rect, style);
  if (style !== null && visible && ownText && !visuallyHidden) textFactsOf(el, rect, style, leaf, context, facts);
  else facts.textStyle = facts.clipped = facts.coveredBy = facts.invisibleText = null;
  const testId = attributeOf(el, names, 'data-testid');
  const id = has(names, 'id') ? el.id : '';
  // Every element but a form control shows its content as its text, so it is read for all of them.
  const content = FORM_CONTROL_TAGS.has(tag) ? '' : contentText(el, soleText);
  facts.tag = lowerTag;
  facts.role = role;
  facts.name = nameOf(el, tag, names, role, label, content);
  facts.label = label;
  facts.text = textOf(el, tag, content);
  facts.testId = testId;
  facts.testIdUnique = context.testIds.get(testId ?? '') === 1;
  facts.idUnique = id !== '' && context.ids.get(id) === 1;
  facts.placeholder = attributeOf(el, names, 'placeholder');
  facts.idAttr = id || null;
  facts.title = attributeOf(el, names, 'title');
  facts.alt = attributeOf(el, names, 'alt');
  const box = facts.box;
  box[0] = tenth(rect.left);
  box[1] = tenth(rect.top);
  box[2] = tenth(rect.width);
  box[3] = tenth(rect.height);
  facts.visible = visible;
  facts.enabled = !((DISABLEABLE_TAGS.has(tag) || tag.includes('-')) && el.matches(':disabled')) && (!context.ariaDisabled || el.closest(ARIA_DISABLED) === null);
  facts.interactive = interactive;
  facts.pixels = pixels;
  facts.parent = parentIndex(el, context);
  facts.inlineLink = style !== null && tag === 'A' && (besideText(el.previousSibling) || besideText(el.nextSibling)) && style.display === 'inline';
  facts.labelled = label !== null;
  facts.visuallyHidden = visuallyHidden;
  facts.image = imageFacts(el, tag, role, names, context);
}
