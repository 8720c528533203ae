import { ENCODED_FIELDS, type RawElement } from '../dom-transfer.js';

/** The elements as ELEMENT_ENCODING says: rows of values by place, and the tables rows index into. */
export function encodeRows(elements: readonly RawElement[]): { rows: unknown[][]; tables: Record<string, unknown[]> } {
  const tables: Record<string, unknown[]> = {};
  const first = elements[0];
  if (!first) return { rows: [], tables };
  // Every element has the same fields in the same order: each field's place among an element's
  // values, found once, lets the rows read values by index instead of by a field name per element
  // (a lookup by changing key is slow in V8, and the rows read 26 fields of thousands of elements).
  const valueAt = new Map(Object.keys(first).map((field, i) => [field, i]));
  const placeOf = (field: keyof RawElement) => valueAt.get(field)!;
  const bits = ENCODED_FIELDS.filter(([, how]) => how === 'bit').map(([field]) => placeOf(field));
  const textAt = placeOf('text');
  // A table field's values are strings or repeat as the same object (see Interned): a Map finds them.
  const placed = ENCODED_FIELDS.filter(([, how]) => how !== 'bit').map(([field, how]) => ({
    at: placeOf(field),
    orText: how === 'orText',
    table: how === 'table' ? (tables[field] = [] as unknown[]) : null,
    known: new Map<unknown, number>(),
  }));
  const rows = elements.map((element) => {
    const values: unknown[] = Object.values(element);
    let flags = 0;
    for (let bit = 0; bit < bits.length; bit++) if (values[bits[bit]!]) flags |= 1 << bit;
    const row: unknown[] = [flags];
    for (let i = 0; i < placed.length; i++) {
      const { at, orText, table, known } = placed[i]!;
      const value = values[at];
      if (orText && value === values[textAt]) row.push(0);
      else if (!table || value === null) row.push(value);
      else {
        let entry = known.get(value);
        if (entry === undefined) known.set(value, (entry = table.push(value) - 1));
        row.push(entry);
      }
    }
    while (row[row.length - 1] === null) row.pop();
    return row;
  });
  return { rows, tables };
}
