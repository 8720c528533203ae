/**
 * What crosses from the page to Node: the facts the in-page collector (in-page/) reports about each
 * element, and how they are encoded on the way. Imported by both sides, so it holds types and plain
 * data only: the page bundle and Node read the same encoding, with no copy to keep in step.
 */

/** What the page reports about one element. */
export interface RawElement {
  tag: string;
  role: string | null;
  name: string;
  label: string | null;
  text: string;
  testId: string | null;
  /** No other element of the document has this test id / this id. */
  testIdUnique: boolean;
  idUnique: boolean;
  placeholder: string | null;
  idAttr: string | null;
  title: string | null;
  alt: string | null;
  box: [x: number, y: number, width: number, height: number];
  visible: boolean;
  enabled: boolean;
  interactive: boolean;
  pixels: boolean;
  /** Index of the nearest collected ancestor, to tell nesting from overlap. */
  parent: number;
  /** A link inside a run of text: WCAG exempts it from the target size rule. */
  inlineLink: boolean;
  /** A control with a label element, which is clickable too. */
  labelled: boolean;
  /** Facts about rendered text, for visible elements with text of their own. */
  textStyle: {
    color: [number, number, number, number];
    background: [number, number, number];
    /**
     * A background image, gradient or partial opacity makes the computed background a guess. Null:
     * not looked up, because it cannot change a finding (see in-page/text-facts.ts).
     */
    backgroundUncertain: boolean | null;
    fontSizePx: number;
    /** Null: not looked up, because the font size alone decides whether the text is large. */
    bold: boolean | null;
  } | null;
  /** Pixels of text cut off by the element's own overflow or an ancestor's. */
  clipped: { hiddenX: number; hiddenY: number; ellipsis: boolean } | null;
  /** The visually-hidden pattern (1px box, clipped) used on purpose for screen reader text. */
  visuallyHidden: boolean;
  /** What is on top at the centre of a visible text element, when it is neither it nor its kin. */
  coveredBy: string | null;
  /** Text that cannot be seen although the DOM shows it: transparent colour or zero font size. */
  invisibleText: string | null;
  image: { hasAlt: boolean; decorative: boolean; named: boolean; broken: boolean; src: string } | null;
}

export interface RawOverlap {
  a: number;
  b: number;
  /** Intersection box. */
  box: [number, number, number, number];
  /** Share of the smaller element's area covered by the other. */
  share: number;
  /** Which of the two gets a click at the intersection's centre (-1: neither). */
  onTop: number;
}

export interface RawDom {
  url: string;
  viewport: { width: number; height: number };
  scroll: { x: number; y: number };
  elements: RawElement[];
  omitted: number;
  overlaps: RawOverlap[];
}

export type FieldEncoding = 'bit' | 'table' | 'value' | 'name' | 'box' | 'parent' | 'sparse' | 'sparseTable';

/**
 * How each RawElement field crosses from the page, in columns (one array per field, each element at
 * its place in the map) rather than a row per element: booleans as the bits of one number (column
 * `flags`), tags, roles and text styles as an index into a table of the distinct values (a page has
 * few; -1 for none), the box as four whole numbers of tenths of a pixel in one flat column (the map
 * rounds boxes to tenths; left and top as the step from the previous element's, mostly short or 0),
 * the parent as the distance back to it (0 for none; mostly short), the name as 0 when it is the
 * element's text, 1 its label, 2 its alt text (most names are one of them: the text crosses once),
 * the fields that most elements lack as two arrays, the places that have one and their values
 * (image facts by table index). Moving the JSON costs in proportion to its size and to the number
 * of values in it (the page writes it, the browser escapes it into a protocol message, Node parses
 * it back): columns make no array per element, and a field absent from most elements costs nothing
 * where they lack it.
 */
export const ELEMENT_ENCODING = {
  tag: 'table',
  role: 'table',
  text: 'value',
  name: 'name',
  box: 'box',
  parent: 'parent',
  textStyle: 'table',
  visible: 'bit',
  enabled: 'bit',
  interactive: 'bit',
  pixels: 'bit',
  inlineLink: 'bit',
  labelled: 'bit',
  visuallyHidden: 'bit',
  testIdUnique: 'bit',
  idUnique: 'bit',
  label: 'sparse',
  testId: 'sparse',
  placeholder: 'sparse',
  idAttr: 'sparse',
  title: 'sparse',
  alt: 'sparse',
  image: 'sparseTable',
  clipped: 'sparse',
  coveredBy: 'sparse',
  invisibleText: 'sparse',
} as const satisfies Record<keyof RawElement, FieldEncoding>;

type FieldsEncoded<How extends FieldEncoding> = { [K in keyof RawElement]: (typeof ELEMENT_ENCODING)[K] extends How ? K : never }[keyof RawElement];
/** The fields that cross as table indices, dense or sparse. */
export type TableField = FieldsEncoded<'table' | 'sparseTable'>;
/** The fields that cross as the places that have one and their values. */
export type SparseField = FieldsEncoded<'sparse' | 'sparseTable'>;

/** The name column's codes for a name that repeats another field of the element. */
export const NAME_IS = { text: 0, label: 1, alt: 2 } as const;

/** What collectDom returns (as JSON): the RawDom with its elements in columns as ELEMENT_ENCODING says. */
export interface DomTransfer extends Omit<RawDom, 'elements'> {
  count: number;
  flags: number[];
  tag: number[];
  role: number[];
  textStyle: number[];
  text: string[];
  name: (string | number)[];
  /** Left, top, width and height of each element in turn, in tenths of a pixel, left and top as steps. */
  box: number[];
  /** How many places back each element's parent is; 0 for none. */
  parent: number[];
  sparse: Record<SparseField, [places: number[], values: unknown[]]>;
  tables: Record<TableField, unknown[]>;
}

/** ELEMENT_ENCODING's fields in order, with how each is encoded. */
export const ENCODED_FIELDS = Object.entries(ELEMENT_ENCODING) as [keyof RawElement, FieldEncoding][];

/** Each bit field's bit, for the page that sets it and readDom that reads it. */
export const BIT = Object.fromEntries(ENCODED_FIELDS.filter(([, how]) => how === 'bit').map(([field], i) => [field, 1 << i])) as Record<keyof RawElement, number>;

export interface CollectOptions {
  maxElements: number;
  /** A screenshot's pixels will be measured too, so a guessed background matters at any contrast. */
  measured: boolean;
}
