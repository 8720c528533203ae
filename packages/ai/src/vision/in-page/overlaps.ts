import type { RawElement, RawOverlap } from '../dom-transfer.js';

/** Grid cell size in CSS px. */
const CELL = 64;
/** A number per cell is a cheaper key than a string; rows of 2^20 cells are wider than any page. */
const ROW = 1_048_576;

/** A visible interactive element: its index in the map, its box and its node. */
export interface Target {
  index: number;
  box: RawElement['box'];
  el: Element;
}

/**
 * Overlaps between visible interactive elements, neither inside the other, found through a coarse
 * grid instead of all pairs. `targets` in document order; `parents` holds each element's nearest
 * kept ancestor by index (see RawElement.parent).
 */
export function findOverlaps(targets: readonly Target[], parents: Int32Array, vw: number, vh: number): RawOverlap[] {
  const grid = new Map<number, number[]>();
  const overlaps: RawOverlap[] = [];
  // Pairs are met only while their later target is placed: the last target each was paired with
  // is enough to skip a pair met again in another shared cell.
  const pairedWith = new Int32Array(targets.length).fill(-1);
  const isAncestor = (maybeAncestor: number, of: number): boolean => {
    for (let up = parents[of]!; up !== -1; up = parents[up]!) if (up === maybeAncestor) return true;
    return false;
  };
  const holds = (target: Target, hit: Element) => target.el === hit || target.el.contains(hit);
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t]!;
    const i = target.index;
    // By index: destructuring allocates an iterator per element wherever V8 does not optimize it away.
    const box = target.box;
    const x = box[0];
    const y = box[1];
    const w = box[2];
    const h = box[3];
    for (let gx = Math.floor(x / CELL); gx <= Math.floor((x + w) / CELL); gx++) {
      for (let gy = Math.floor(y / CELL); gy <= Math.floor((y + h) / CELL); gy++) {
        const key = gy * ROW + gx;
        const cell = grid.get(key) ?? [];
        for (let c = 0; c < cell.length; c++) {
          const u = cell[c]!;
          if (pairedWith[u] === t) continue;
          pairedWith[u] = t;
          const earlier = targets[u]!;
          const j = earlier.index;
          const other = earlier.box;
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
          const cx = ix + iw / 2;
          const cy = iy + ih / 2;
          const hit = cx < vw && cy < vh && cx >= 0 && cy >= 0 ? document.elementFromPoint(cx, cy) : null;
          const onTop = hit && holds(target, hit) ? i : hit && holds(earlier, hit) ? j : -1;
          overlaps.push({ a: j, b: i, box: [ix, iy, iw, ih], share, onTop });
        }
        cell.push(t);
        grid.set(key, cell);
      }
    }
  }
  return overlaps;
}
