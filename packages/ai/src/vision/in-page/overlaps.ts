import type { RawElement, RawOverlap } from '../dom-transfer.js';

/** Grid cell size in CSS px. */
const CELL = 64;
/**
 * A number per cell is a cheaper key than a string. Rows of 65,536 cells (4 million px) are wider
 * than any page, and the keys stay small integers, which V8 keeps without a heap number per key,
 * on pages up to a million px tall.
 */
const ROW = 65_536;

/**
 * The visible interactive elements, in document order, in columns: map index, box and node of each.
 * Numbers in typed arrays made at the most elements there can be, not an object per target.
 */
export class Targets {
  count = 0;
  readonly index: Int32Array;
  readonly boxes: Float64Array;
  readonly els: Element[] = [];

  /** `most`: how many elements can be added at most. */
  constructor(most: number) {
    this.index = new Int32Array(most);
    this.boxes = new Float64Array(most * 4);
  }

  add(index: number, box: RawElement['box'], el: Element): void {
    const t = this.count++;
    this.index[t] = index;
    this.boxes[t * 4] = box[0];
    this.boxes[t * 4 + 1] = box[1];
    this.boxes[t * 4 + 2] = box[2];
    this.boxes[t * 4 + 3] = box[3];
    this.els.push(el);
  }
}

const first = (value: number) => Math.floor(value / CELL);

/** How many grid cells each target's box touches, in all: the entries the grid will hold. */
function cellEntries({ count, boxes }: Targets): number {
  let entries = 0;
  for (let t = 0; t < count; t++) {
    const x = boxes[t * 4]!;
    const y = boxes[t * 4 + 1]!;
    entries += (first(x + boxes[t * 4 + 2]!) - first(x) + 1) * (first(y + boxes[t * 4 + 3]!) - first(y) + 1);
  }
  return entries;
}

/**
 * Overlaps between visible interactive elements, neither inside the other, found through a coarse
 * grid instead of all pairs. `parents` holds each element's nearest kept ancestor by index (see
 * RawElement.parent). Each cell lists its targets in the order they were placed, as linked entries
 * in typed arrays: an array per cell would be thousands of small arrays on a page of many controls.
 */
export function findOverlaps(targets: Targets, parents: Int32Array, vw: number, vh: number): RawOverlap[] {
  const { count, index, boxes, els } = targets;
  const size = cellEntries(targets);
  const slotOf = new Map<number, number>();
  // Per cell slot: its first and last entry; per entry: its target and the next entry of its cell.
  const firstEntry = new Int32Array(size);
  const lastEntry = new Int32Array(size);
  const owner = new Int32Array(size);
  const next = new Int32Array(size);
  let slots = 0;
  let entries = 0;
  const overlaps: RawOverlap[] = [];
  // Pairs are met only while their later target is placed: the last target each was paired with
  // is enough to skip a pair met again in another shared cell.
  const pairedWith = new Int32Array(count).fill(-1);
  const isAncestor = (maybeAncestor: number, of: number): boolean => {
    for (let up = parents[of]!; up !== -1; up = parents[up]!) if (up === maybeAncestor) return true;
    return false;
  };
  const holds = (t: number, hit: Element) => els[t] === hit || els[t]!.contains(hit);
  for (let t = 0; t < count; t++) {
    const i = index[t]!;
    const x = boxes[t * 4]!;
    const y = boxes[t * 4 + 1]!;
    const w = boxes[t * 4 + 2]!;
    const h = boxes[t * 4 + 3]!;
    for (let gx = first(x); gx <= first(x + w); gx++) {
      for (let gy = first(y); gy <= first(y + h); gy++) {
        const key = gy * ROW + gx;
        let slot = slotOf.get(key);
        if (slot === undefined) {
          slotOf.set(key, (slot = slots++));
          firstEntry[slot] = -1;
        }
        for (let entry = firstEntry[slot]!; entry !== -1; entry = next[entry]!) {
          const u = owner[entry]!;
          if (pairedWith[u] === t) continue;
          pairedWith[u] = t;
          const j = index[u]!;
          const ox = boxes[u * 4]!;
          const oy = boxes[u * 4 + 1]!;
          const ow = boxes[u * 4 + 2]!;
          const oh = boxes[u * 4 + 3]!;
          const ix = Math.max(x, ox);
          const iy = Math.max(y, oy);
          const iw = Math.min(x + w, ox + ow) - ix;
          const ih = Math.min(y + h, oy + oh) - iy;
          if (iw < 1 || ih < 1 || isAncestor(j, i) || isAncestor(i, j)) continue;
          const share = (iw * ih) / Math.min(w * h, ow * oh);
          const cx = ix + iw / 2;
          const cy = iy + ih / 2;
          const hit = cx < vw && cy < vh && cx >= 0 && cy >= 0 ? document.elementFromPoint(cx, cy) : null;
          const onTop = hit && holds(t, hit) ? i : hit && holds(u, hit) ? j : -1;
          overlaps.push({ a: j, b: i, box: [ix, iy, iw, ih], share, onTop });
        }
        owner[entries] = t;
        next[entries] = -1;
        if (firstEntry[slot] === -1) firstEntry[slot] = entries;
        else next[lastEntry[slot]!] = entries;
        lastEntry[slot] = entries++;
      }
    }
  }
  return overlaps;
}
