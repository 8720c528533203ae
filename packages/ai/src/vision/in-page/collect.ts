import type { CollectOptions, DomTransfer } from '../dom-transfer.js';
import { rectOf, TextBoxes } from './boxes.js';
import { ARIA_DISABLED, elementFacts, emptyFacts, type PageContext } from './element-facts.js';
import { Columns } from './encode.js';
import { Interned } from './interned.js';
import { labelsByControl } from './names.js';
import { findOverlaps, Targets } from './overlaps.js';
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
    indexOf: new Map(),
    keptAncestorOf: new Map(),
    labelsOf: labelsByControl(roots),
    testIds: attributeCounts(roots, 'data-testid', true),
    ids: attributeCounts(roots, 'id', false),
    ariaDisabled: roots.some((root) => root.querySelector(ARIA_DISABLED) !== null),
  };
  // Every box in one pass before any style is read: measured faster than one box between each
  // element's style reads. Kept as numbers, not an object per element that would live through the
  // whole collection.
  const sides = new Float64Array(kept.length * 4);
  kept.forEach(({ el }, index) => {
    const rect = el.getBoundingClientRect();
    sides[index * 4] = rect.left;
    sides[index * 4 + 1] = rect.top;
    sides[index * 4 + 2] = rect.width;
    sides[index * 4 + 3] = rect.height;
  });
  const columns = new Columns(kept.length);
  const parents = new Int32Array(kept.length);
  const targets = new Targets(kept.length);
  const facts = emptyFacts();
  kept.forEach((candidate, index) => {
    // Only an element with children can be an element's nearest kept ancestor, and in document
    // order it comes before them: the map holds those few, each set before its children ask.
    if (candidate.soleText === null) context.indexOf.set(candidate.el, index);
    elementFacts(candidate, rectOf(sides, index), context, facts);
    columns.add(facts);
    parents[index] = facts.parent;
    if (facts.interactive && facts.visible) targets.add(index, facts.box, candidate.el);
  });
  const dom: DomTransfer = {
    url: location.href,
    viewport: { width: vw, height: vh },
    scroll: { x: window.scrollX, y: window.scrollY },
    ...columns.encoded(),
    omitted,
    overlaps: findOverlaps(targets, parents, vw, vh),
  };
  return JSON.stringify(dom);
}
