import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import type { IssuePath } from './issues.js';

export interface Position {
  line: number;
  column: number;
}

interface Step {
  /** The deepest node reached along the path. */
  node: Node | undefined;
  /** The map entry holding `node`, when the last step went through a map. */
  pair: Pair | undefined;
  /** Whether the whole path was found. */
  complete: boolean;
}

/** Anchors may point at anchors; the depth bound keeps a malformed document from looping. */
const MAX_INDIRECTIONS = 32;

/** Maps a key path of the parsed suite back to where it is written in the YAML source. */
export class SourceLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Where the value at `path` is written, or its key with `at: 'key'`. A path that does not exist
   * (a missing required key) resolves to the deepest part that does: the map lacking the key.
   * An entry without a value (`url:`) is shown at its key, since the value has no text to point at.
   */
  position(path: IssuePath, at: 'key' | 'value' = 'value'): Position {
    const { node, pair, complete } = this.walk(path);
    const key = pair && isScalar(pair.key) ? pair.key : undefined;
    const valueless = !node || (isScalar(node) && node.value === null && !node.source);
    if (complete && key && (at === 'key' || valueless)) return this.at(key.range?.[0]);
    if (node) return this.at(node.range?.[0]);
    if (key) return this.at(key.range?.[0]);
    const root = this.doc.contents;
    return this.at(root?.range?.[0]);
  }

  /** The source text of a scalar (`1.10`, not the number 1.1), for values read as text. */
  scalarSource(path: IssuePath): string | undefined {
    const { node, complete } = this.walk(path);
    return complete && isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  positionOfOffset(offset: number): Position {
    return this.at(offset);
  }

  private at(offset: number | undefined): Position {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private walk(path: IssuePath): Step {
    let node = this.resolve(this.doc.contents ?? undefined);
    let pair: Pair | undefined;
    for (const [index, segment] of path.entries()) {
      if (isMap(node)) {
        const found = this.findPair(node, String(segment), 0);
        if (!found) return { node, pair, complete: false };
        pair = found;
        node = this.resolve(found.value);
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        pair = undefined;
        node = this.resolve(node.items[segment]);
      } else {
        return { node, pair, complete: false };
      }
      if (!node) return { node, pair, complete: index === path.length - 1 };
    }
    return { node, pair, complete: true };
  }

  /** Explicit keys win over merged ones (`<<: *base`), as they do when the YAML is read. */
  private findPair(map: YAMLMap, key: string, depth: number): Pair | undefined {
    const explicit = map.items.find(
      (pair) => isScalar(pair.key) && typeof pair.key.value !== 'symbol' && String(pair.key.value) === key,
    );
    if (explicit || depth > MAX_INDIRECTIONS) return explicit;
    for (const pair of map.items) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'symbol') continue;
      const value = this.resolve(pair.value);
      const sources = isSeq(value) ? value.items.map((item) => this.resolve(item)) : [value];
      for (const source of sources) {
        const found = isMap(source) ? this.findPair(source, key, depth + 1) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  }

  private resolve(value: unknown): Node | undefined {
    let node = value;
    for (let hops = 0; isAlias(node) && hops < MAX_INDIRECTIONS; hops++) node = node.resolve(this.doc);
    return isNode(node) ? node : undefined;
  }
}

function isNode(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value);
}
