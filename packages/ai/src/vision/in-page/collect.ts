import type { CollectOptions, DomTransfer } from '../dom-transfer.js';
import { plain, TextBoxes } from './boxes.js';
import { ARIA_DISABLED, elementFacts, type PageContext } from './element-facts.js';
import { encodeRows } from './encode.js';
import { Interned } from './interned.js';
import { labelsByControl } from './names.js';
import { findOverlaps } from './overlaps.js';
import { Styles } from './styles.js';
import { allElements, attributeCounts, chooseElements } from './walk.js';

/**
 * The in-page entry, bundled by scripts/build-injected.mjs into the source the collector injects.
 * Returns the page as a DomTransfer in JSON text for readDom: Playwright's structured transfer of
 * thousands of small objects costs several times the collection itself, a string crosses in one piece.
 */
export function collectDom({ maxElements, measured }: CollectOptions): string {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const { all, roots } = allElements();
  const { kept, omitted } = chooseElements(all, maxElements);
  const styles = new Styles();
  const context: PageContext = {
    styles,
    boxes: new TextBoxes(styles),
    interned: new Interned(styles.colors),
    measured,
    vw,
    vh,
    indexOf: new Map(kept.map((candidate, i) => [candidate.el, i])),
    keptAncestorOf: new Map(),
    labelsOf: labelsByControl(roots),
    testIds: attributeCounts(roots, 'data-testid', true),
    ids: attributeCounts(roots, 'id', false),
    ariaDisabled: roots.some((root) => root.querySelector(ARIA_DISABLED) !== null),
  };
  // Every box in one pass before any style is read: measured faster than one box between each
  // element's style reads.
  const rects = kept.map(({ el }) => plain(el.getBoundingClientRect()));
  const elements = kept.map((candidate, index) => elementFacts(candidate, rects[index]!, context));
  const overlaps = findOverlaps(
    elements,
    kept.map((candidate) => candidate.el),
    vw,
    vh,
  );
  const dom: DomTransfer = {
    url: location.href,
    viewport: { width: vw, height: vh },
    scroll: { x: window.scrollX, y: window.scrollY },
    ...encodeRows(elements),
    omitted,
    overlaps,
  };
  return JSON.stringify(dom);
}
