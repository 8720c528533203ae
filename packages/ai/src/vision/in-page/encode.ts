import { AT, BIT, ROW_LENGTH, type RawElement } from '../dom-transfer.js';

type TableField = 'tag' | 'role' | 'textStyle' | 'image';

/**
 * The elements as ELEMENT_ENCODING says, one row written as each element's facts are found: rows
 * of values by place, and the tables rows index into. An element's facts object dies as soon as its
 * row is written; holding all of them until the end kept thousands of objects alive through every
 * young-generation collection, which copies them each time. Fields are read by name (every facts
 * object has one shape, so each read is cheap) and placed by AT and BIT, the places readDom reads.
 */
export class Rows {
  readonly rows: unknown[][] = [];
  // A table field's values are strings or repeat as the same object (see Interned): a Map finds them.
  private readonly tables: Record<TableField, unknown[]> = { tag: [], role: [], textStyle: [], image: [] };
  private readonly known: Record<TableField, Map<unknown, number>> = { tag: new Map(), role: new Map(), textStyle: new Map(), image: new Map() };

  private entry(field: TableField, value: unknown): number | null {
    if (value === null) return null;
    let index = this.known[field].get(value);
    if (index === undefined) this.known[field].set(value, (index = this.tables[field].push(value) - 1));
    return index;
  }

  add(element: RawElement): void {
    let flags = 0;
    if (element.visible) flags |= BIT.visible;
    if (element.enabled) flags |= BIT.enabled;
    if (element.interactive) flags |= BIT.interactive;
    if (element.pixels) flags |= BIT.pixels;
    if (element.inlineLink) flags |= BIT.inlineLink;
    if (element.labelled) flags |= BIT.labelled;
    if (element.visuallyHidden) flags |= BIT.visuallyHidden;
    if (element.testIdUnique) flags |= BIT.testIdUnique;
    if (element.idUnique) flags |= BIT.idUnique;
    const row: unknown[] = new Array<unknown>(ROW_LENGTH);
    row[0] = flags;
    row[AT.tag] = this.entry('tag', element.tag);
    row[AT.role] = this.entry('role', element.role);
    row[AT.text] = element.text;
    // Most names are the element's text: 0 says so in one character.
    row[AT.name] = element.name === element.text ? 0 : element.name;
    row[AT.box] = element.box;
    row[AT.parent] = element.parent;
    row[AT.textStyle] = this.entry('textStyle', element.textStyle);
    row[AT.label] = element.label;
    row[AT.testId] = element.testId;
    row[AT.placeholder] = element.placeholder;
    row[AT.idAttr] = element.idAttr;
    row[AT.title] = element.title;
    row[AT.alt] = element.alt;
    row[AT.image] = this.entry('image', element.image);
    row[AT.clipped] = element.clipped;
    row[AT.coveredBy] = element.coveredBy;
    row[AT.invisibleText] = element.invisibleText;
    // The fields that are mostly null come last: a row drops its trailing nulls.
    let length = ROW_LENGTH;
    while (length > 1 && row[length - 1] === null) length--;
    row.length = length;
    this.rows.push(row);
  }

  /** The tables, in ELEMENT_ENCODING's order; none before the first row. */
  tablesOf(): Record<string, unknown[]> {
    return this.rows.length ? this.tables : {};
  }
}
