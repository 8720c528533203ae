import type { CollectOptions, DomTransfer } from '../dom-transfer.js';
import { rectOf, TextBoxes } from './boxes.js';
import { ARIA_DISABLED, elementFacts, type PageContext } from './element-facts.js';
import { Columns } from './encode.js';
import { Interned } from './interned.js';
import { labelsByControl } from './names.js';
import { findOverlaps, type Target } from './overlaps.js';
import { Styles } from './styles.js';
import { allElements, attributeCounts, chooseElements, type Candidate } from './walk.js';

/** Each kept element's place in the map, without a pair array per element for the Map to read. */
function indexOfEach(kept: readonly Candidate[]): Map<Element, number> {
  const indexOf = new Map<Element, number>();
  for (let i = 0; i < kept.length; i++) indexOf.set(kept[i]!.el, i);
  return indexOf;
}

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
    indexOf: indexOfEach(kept),
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
  const targets: Target[] = [];
  kept.forEach((candidate, index) => {
    const element = elementFacts(candidate, rectOf(sides, index), context);
    columns.add(element);
    parents[index] = element.parent;
    if (element.interactive && element.visible) targets.push({ index, box: element.box, el: candidate.el });
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
