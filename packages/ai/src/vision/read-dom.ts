import { AT, BIT, type DomTransfer, type RawDom, type RawElement } from './dom-transfer.js';

/** The RawDom from the in-page collector's JSON. */
export function readDom(json: string): RawDom {
  const { rows, tables, ...rest } = JSON.parse(json) as DomTransfer;
  const tableOf = (field: keyof RawElement) => tables[field] ?? [];
  const tags = tableOf('tag') as string[];
  const roles = tableOf('role') as string[];
  const textStyles = tableOf('textStyle') as NonNullable<RawElement['textStyle']>[];
  const images = tableOf('image') as NonNullable<RawElement['image']>[];
  // Each field read at its own constant place (AT and BIT are read once per field, not per element
  // through a key), and written out field by field, so every element gets one object shape (the
  // analysis reads each field many times) and the compiler checks that none is missing.
  const at = <T>(row: unknown[], place: number) => (row[place] ?? null) as T;
  const fromTable = <T>(row: unknown[], place: number, table: T[]) => {
    const index = row[place] as number | null | undefined;
    return index === null || index === undefined ? null : (table[index] ?? null);
  };
  const elements = rows.map((row): RawElement => {
    const flags = row[0] as number;
    const text = row[AT.text] as string;
    const name = row[AT.name] as string | 0;
    return {
      tag: tags[row[AT.tag] as number] ?? '',
      role: fromTable(row, AT.role, roles),
      name: name === 0 ? text : name,
      label: at(row, AT.label),
      text,
      testId: at(row, AT.testId),
      testIdUnique: (flags & BIT.testIdUnique) !== 0,
      idUnique: (flags & BIT.idUnique) !== 0,
      placeholder: at(row, AT.placeholder),
      idAttr: at(row, AT.idAttr),
      title: at(row, AT.title),
      alt: at(row, AT.alt),
      box: row[AT.box] as RawElement['box'],
      visible: (flags & BIT.visible) !== 0,
      enabled: (flags & BIT.enabled) !== 0,
      interactive: (flags & BIT.interactive) !== 0,
      pixels: (flags & BIT.pixels) !== 0,
      parent: row[AT.parent] as number,
      inlineLink: (flags & BIT.inlineLink) !== 0,
      labelled: (flags & BIT.labelled) !== 0,
      textStyle: fromTable(row, AT.textStyle, textStyles),
      clipped: at(row, AT.clipped),
      visuallyHidden: (flags & BIT.visuallyHidden) !== 0,
      coveredBy: at(row, AT.coveredBy),
      invisibleText: at(row, AT.invisibleText),
      image: fromTable(row, AT.image, images),
    };
  });
  return { ...rest, elements };
}
