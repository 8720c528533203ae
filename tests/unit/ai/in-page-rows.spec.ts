import { test, expect } from '@playwright/test';
// The page's row writer and Node's reader are internal modules, imported directly: they must agree
// on the place of every field, which no type checks.
import { AT, ELEMENT_ENCODING, type RawElement } from '../../../packages/ai/dist/vision/dom-transfer.js';
import { Rows } from '../../../packages/ai/dist/vision/in-page/encode.js';
import { readDom } from '../../../packages/ai/dist/vision/read-dom.js';

const FULL: RawElement = {
  tag: 'button',
  role: 'button',
  name: 'Save the draft',
  label: 'Draft',
  text: 'Save',
  testId: 'save',
  testIdUnique: true,
  idUnique: true,
  placeholder: 'Title',
  idAttr: 'save-button',
  title: 'Saves it',
  alt: 'A floppy disk',
  box: [1.5, 2, 30, 24.2],
  visible: true,
  enabled: true,
  interactive: true,
  pixels: true,
  parent: 0,
  inlineLink: true,
  labelled: true,
  textStyle: { color: [1, 2, 3, 0.5], background: [250, 251, 252], backgroundUncertain: true, fontSizePx: 19, bold: true },
  clipped: { hiddenX: 3, hiddenY: 0, ellipsis: true },
  visuallyHidden: true,
  coveredBy: 'div#cookie-banner',
  invisibleText: 'font-size is 0',
  image: { hasAlt: true, decorative: false, named: true, broken: false, src: 'icon.png' },
};

const BARE: RawElement = {
  ...FULL,
  name: 'Plain',
  text: 'Plain',
  role: null,
  label: null,
  testId: null,
  placeholder: null,
  idAttr: null,
  title: null,
  alt: null,
  textStyle: null,
  clipped: null,
  coveredBy: null,
  invisibleText: null,
  image: null,
  parent: -1,
  testIdUnique: false,
  idUnique: false,
  visible: false,
  enabled: false,
  interactive: false,
  pixels: false,
  inlineLink: false,
  labelled: false,
  visuallyHidden: false,
};

function roundTrip(elements: RawElement[]): { read: RawElement[]; rows: unknown[][] } {
  const rows = new Rows();
  for (const element of elements) rows.add(element);
  const json = JSON.stringify({ url: 'about:blank', viewport: { width: 1, height: 1 }, scroll: { x: 0, y: 0 }, rows: rows.rows, tables: rows.tablesOf(), omitted: 0, overlaps: [] });
  return { read: readDom(json).elements, rows: rows.rows };
}

test('every field the page writes into a row reads back the same, set or empty', () => {
  const { read, rows } = roundTrip([FULL, BARE, { ...FULL, parent: 1 }]);
  expect(read).toEqual([FULL, BARE, { ...FULL, parent: 1 }]);
  // Repeated values cross once, in a table; a row drops its trailing nulls.
  expect(rows[2]).toEqual(rows[0]!.map((value, place) => (place === AT.parent ? 1 : value)));
  expect(rows[1]!.length).toBeLessThan(rows[0]!.length);
});

test('each boolean field has a bit of its own', () => {
  const bits = (Object.keys(ELEMENT_ENCODING) as (keyof RawElement)[]).filter((field) => ELEMENT_ENCODING[field] === 'bit');
  expect(bits.length).toBeGreaterThan(5);
  const elements = bits.map((field) => ({ ...BARE, [field]: true }));
  expect(roundTrip(elements).read).toEqual(elements);
});

test('no element, no tables', () => {
  expect(new Rows().tablesOf()).toEqual({});
});
