import { BIT, NAME_IS, type DomTransfer, type RawDom, type RawElement, type SparseField } from './dom-transfer.js';

/** A sparse column spread out to one value per element, null where the element has none. */
function spread<T>(count: number, [places, values]: [number[], unknown[]], table?: unknown[]): (T | null)[] {
  const dense = new Array<T | null>(count).fill(null);
  for (let i = 0; i < places.length; i++) {
    const value = values[i];
    dense[places[i]!] = (table ? (table[value as number] ?? null) : value) as T | null;
  }
  return dense;
}

/** The RawDom from the in-page collector's JSON (columns: see ELEMENT_ENCODING). */
export function readDom(json: string): RawDom {
  const { count, flags, tag, role, textStyle, text, name, box, parent, sparse, tables, ...rest } = JSON.parse(json) as DomTransfer;
  const tags = tables.tag as string[];
  const roles = tables.role as string[];
  const textStyles = tables.textStyle as NonNullable<RawElement['textStyle']>[];
  const column = <T>(field: SparseField) => spread<T>(count, sparse[field]);
  const label = column<string>('label');
  const testId = column<string>('testId');
  const placeholder = column<string>('placeholder');
  const idAttr = column<string>('idAttr');
  const title = column<string>('title');
  const alt = column<string>('alt');
  const image = spread<NonNullable<RawElement['image']>>(count, sparse.image, tables.image);
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
    const ownLabel = label[i] ?? null;
    const ownAlt = alt[i] ?? null;
    const named = name[i]!;
    const roleAt = role[i]!;
    const styleAt = textStyle[i]!;
    elements[i] = {
      tag: tags[tag[i]!] ?? '',
      role: roleAt === -1 ? null : (roles[roleAt] ?? null),
      name: named === NAME_IS.text ? ownText : named === NAME_IS.label ? (ownLabel ?? '') : named === NAME_IS.alt ? (ownAlt ?? '') : (named as string),
      label: ownLabel,
      text: ownText,
      testId: testId[i] ?? null,
      testIdUnique: (bits & BIT.testIdUnique) !== 0,
      idUnique: (bits & BIT.idUnique) !== 0,
      placeholder: placeholder[i] ?? null,
      idAttr: idAttr[i] ?? null,
      title: title[i] ?? null,
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
      clipped: clipped[i] ?? null,
      visuallyHidden: (bits & BIT.visuallyHidden) !== 0,
      coveredBy: coveredBy[i] ?? null,
      invisibleText: invisibleText[i] ?? null,
      image: image[i] ?? null,
    };
  }
  return { ...rest, elements };
}
