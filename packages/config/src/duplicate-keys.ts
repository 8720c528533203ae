import { isMap, isScalar, visit, type Document, type LineCounter, type YAMLError } from 'yaml';

/**
 * The YAML library says only "Map keys must be unique" at the second key. This names the key and
 * the line of its first use, which is usually the one to keep or remove.
 */
export function duplicateKeyMessage(error: YAMLError, doc: Document, lineCounter: LineCounter): string | undefined {
  if (error.code !== 'DUPLICATE_KEY') return undefined;
  let message: string | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const firstOf = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const start = pair.key.range[0];
        const first = firstOf.get(key);
        if (first === undefined) firstOf.set(key, start);
        else if (start === error.pos[0]) {
          message = `YAML: duplicate key "${key}" (first at line ${lineCounter.linePos(first).line}); a key may appear once in a map`;
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return message;
}
