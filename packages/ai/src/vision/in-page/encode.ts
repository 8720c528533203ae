import { BIT, NAME_IS, type DomTransfer, type RawElement, type SparseField, type TableField } from '../dom-transfer.js';

type Encoded = Omit<DomTransfer, 'url' | 'viewport' | 'scroll' | 'omitted' | 'overlaps'>;

/**
 * The elements in columns as ELEMENT_ENCODING says, each element's facts written as they are found:
 * an element's facts object dies as soon as it is written, and no array is made per element (a
 * fresh document's collection runs before V8 has optimized it, where every young object is copied
 * by each collection of garbage it lives through). Fields are read by name (every facts object has
 * one shape, so each read is cheap) into the columns readDom reads.
 */
export class Columns {
  private count = 0;
  /** The previous element's left and top, in tenths: the box column holds each element's step from them. */
  private left = 0;
  private top = 0;
  // The dense columns are made at their full length: grown by push, each would be copied as it grows.
  private readonly flags: number[];
  private readonly tag: number[];
  private readonly role: number[];
  private readonly textStyle: number[];
  private readonly text: string[];
  private readonly name: (string | number)[];
  private readonly box: number[];
  private readonly parent: number[];
  private readonly sparse: Record<SparseField, [number[], unknown[]]> = {
    label: [[], []],
    testId: [[], []],
    placeholder: [[], []],
    idAttr: [[], []],
    title: [[], []],
    alt: [[], []],
    image: [[], []],
    clipped: [[], []],
    coveredBy: [[], []],
    invisibleText: [[], []],
  };
  // A table field's values are strings or repeat as the same object (see Interned): a Map finds them.
  private readonly tables: Record<TableField, unknown[]> = { tag: [], role: [], textStyle: [], image: [] };
  private readonly known: Record<TableField, Map<unknown, number>> = { tag: new Map(), role: new Map(), textStyle: new Map(), image: new Map() };

  /** `size`: how many elements will be added. */
  constructor(private readonly size: number) {
    this.flags = new Array<number>(size);
    this.tag = new Array<number>(size);
    this.role = new Array<number>(size);
    this.textStyle = new Array<number>(size);
    this.text = new Array<string>(size);
    this.name = new Array<string | number>(size);
    this.box = new Array<number>(size * 4);
    this.parent = new Array<number>(size);
  }

  private entry(field: TableField, value: unknown): number {
    if (value === null) return -1;
    let index = this.known[field].get(value);
    if (index === undefined) this.known[field].set(value, (index = this.tables[field].push(value) - 1));
    return index;
  }

  private set(field: SparseField, value: unknown): void {
    if (value === null) return;
    // By index: destructuring allocates an iterator per call wherever V8 does not optimize it away.
    const column = this.sparse[field];
    column[0].push(this.count);
    column[1].push(value);
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
    const at = this.count;
    this.flags[at] = flags;
    this.tag[at] = this.entry('tag', element.tag);
    this.role[at] = this.entry('role', element.role);
    this.textStyle[at] = this.entry('textStyle', element.textStyle);
    const { name, text, label, alt } = element;
    this.text[at] = text;
    this.name[at] = name === text ? NAME_IS.text : name === label ? NAME_IS.label : name === alt ? NAME_IS.alt : name;
    // Tenths as whole numbers: the box is in tenths already, so this is exact and readDom's division
    // gives back the same numbers.
    const box = element.box;
    const left = Math.round(box[0] * 10);
    const top = Math.round(box[1] * 10);
    this.box[at * 4] = left - this.left;
    this.box[at * 4 + 1] = top - this.top;
    this.box[at * 4 + 2] = Math.round(box[2] * 10);
    this.box[at * 4 + 3] = Math.round(box[3] * 10);
    this.left = left;
    this.top = top;
    this.parent[at] = element.parent === -1 ? 0 : at - element.parent;
    this.set('label', label);
    this.set('testId', element.testId);
    this.set('placeholder', element.placeholder);
    this.set('idAttr', element.idAttr);
    this.set('title', element.title);
    this.set('alt', alt);
    if (element.image !== null) this.set('image', this.entry('image', element.image));
    this.set('clipped', element.clipped);
    this.set('coveredBy', element.coveredBy);
    this.set('invisibleText', element.invisibleText);
    this.count++;
  }

  /** Every column, the sparse ones and the tables. */
  encoded(): Encoded {
    if (this.count !== this.size) throw new Error(`Columns: ${this.count} elements added of the ${this.size} announced`);
    const { count, flags, tag, role, textStyle, text, name, box, parent, sparse, tables } = this;
    return { count, flags, tag, role, textStyle, text, name, box, parent, sparse, tables };
  }
}
