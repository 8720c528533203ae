import { BIT, NAME_IS, type DomTransfer, type RawDom, type RawElement, type SparseField } from './dom-transfer.js';

/**
 * A sparse column read in element order: each element's value, null where it has none. Read
 * through its list of places instead of spread out to an array per field: ten arrays of 10,000
 * slots were most of what reading a large page allocated besides the elements themselves.
 */
class SparseColumn<T> {
  private next = 0;

  constructor(
    private readonly column: [places: number[], values: unknown[]],
    private readonly table?: unknown[],
  ) {}

  /** Element `index`'s value; each element is asked once, in increasing order. */
  at(index: number): T | null {
    // By index: destructuring allocates an iterator per call wherever V8 does not optimize it away.
    if (this.column[0][this.next] !== index) return null;
    const value = this.column[1][this.next++];
    return (this.table ? (this.table[value as number] ?? null) : (value ?? null)) as T | null;
  }
}

/** The RawDom from the in-page collector's JSON (columns: see ELEMENT_ENCODING). */
export function readDom(json: string): RawDom {
  const { count, flags, tag, role, textStyle, text, name, box, parent, sparse, tables, ...rest } = JSON.parse(json) as DomTransfer;
  const tags = tables.tag as string[];
  const roles = tables.role as string[];
  const textStyles = tables.textStyle as NonNullable<RawElement['textStyle']>[];
  const column = <T>(field: SparseField) => new SparseColumn<T>(sparse[field]);
  const label = column<string>('label');
  const testId = column<string>('testId');
  const placeholder = column<string>('placeholder');
  const idAttr = column<string>('idAttr');
  const title = column<string>('title');
  const alt = column<string>('alt');
  const image = new SparseColumn<NonNullable<RawElement['image']>>(sparse.image, tables.image);
  const clipped = column<NonNullable<RawElement['clipped']>>('clipped');
  const coveredBy = column<string>('coveredBy');
  const invisibleText = column<string>('invisibleText');
  // Written out field by field, so every element gets one object shape (the analysis reads each
  // field many times) and the compiler checks that none is missing.
  const elements = new Array<RawElement>(count);
  let left = 0;
  let top = 0;
  for (let i = 0; i < count; i++) {
    left += box[i * 4]!;
    top += box[i * 4 + 1]!;
    const gap = parent[i]!;
    const bits = flags[i]!;
    const ownText = text[i]!;
    const ownLabel = label.at(i);
    const ownAlt = alt.at(i);
    const named = name[i]!;
    const roleAt = role[i]!;
    const styleAt = textStyle[i]!;
    elements[i] = {
      tag: tags[tag[i]!] ?? '',
      role: roleAt === -1 ? null : (roles[roleAt] ?? null),
      name: named === NAME_IS.text ? ownText : named === NAME_IS.label ? (ownLabel ?? '') : named === NAME_IS.alt ? (ownAlt ?? '') : (named as string),
      label: ownLabel,
      text: ownText,
      testId: testId.at(i),
      testIdUnique: (bits & BIT.testIdUnique) !== 0,
      idUnique: (bits & BIT.idUnique) !== 0,
      placeholder: placeholder.at(i),
      idAttr: idAttr.at(i),
      title: title.at(i),
      alt: ownAlt,
      box: [left / 10, top / 10, box[i * 4 + 2]! / 10, box[i * 4 + 3]! / 10],
      visible: (bits & BIT.visible) !== 0,
      enabled: (bits & BIT.enabled) !== 0,
      interactive: (bits & BIT.interactive) !== 0,
      pixels: (bits & BIT.pixels) !== 0,
      parent: gap === 0 ? -1 : i - gap,
      inlineLink: (bits & BIT.inlineLink) !== 0,
      labelled: (bits & BIT.labelled) !== 0,
      textStyle: styleAt === -1 ? null : (textStyles[styleAt] ?? null),
      clipped: clipped.at(i),
      visuallyHidden: (bits & BIT.visuallyHidden) !== 0,
      coveredBy: coveredBy.at(i),
      invisibleText: invisibleText.at(i),
      image: image.at(i),
    };
  }
  return { ...rest, elements };
}
