import { test, expect } from '@playwright/test';
// The page's column writer and Node's reader are internal modules, imported directly: they must
// agree on every column and code, which no type fully checks.
import { ELEMENT_ENCODING, type RawElement } from '../../../packages/ai/dist/vision/dom-transfer.js';
import { Columns } from '../../../packages/ai/dist/vision/in-page/encode.js';
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

function roundTrip(elements: RawElement[]): { read: RawElement[]; json: string } {
  const columns = new Columns(elements.length);
  for (const element of elements) columns.add(element);
  const json = JSON.stringify({ url: 'about:blank', viewport: { width: 1, height: 1 }, scroll: { x: 0, y: 0 }, ...columns.encoded(), omitted: 0, overlaps: [] });
  return { read: readDom(json).elements, json };
}

test('every field the page writes into the columns reads back the same, set or empty', () => {
  // A parent comes before its children in the map (document order): the column holds the distance back.
  const elements = [{ ...FULL, parent: -1 }, { ...BARE, parent: 0 }, { ...FULL, parent: 1, box: [-3.3, 0.1, 1280, 0] as RawElement['box'] }];
  const { read, json } = roundTrip(elements);
  expect(read).toEqual(elements);
  // Repeated values cross once, in a table.
  expect(json.split('A floppy disk').length - 1).toBe(2);
  expect(json.split('div#cookie-banner').length - 1).toBe(2);
  expect(json.split('icon.png').length - 1).toBe(1);
});

test('boxes cross as steps in tenths and read back as the same numbers', () => {
  // The page rounds boxes to tenths (Math.round(v * 10) / 10); any such number must come back equal.
  const tenth = (value: number) => Math.round(value * 10) / 10;
  let seed = 7;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.3) * 30_000;
  const elements = Array.from({ length: 500 }, (_, i): RawElement => ({ ...BARE, parent: i - 1 - (i % 3), box: [tenth(random()), tenth(random()), tenth(Math.abs(random())), tenth(Math.abs(random()) / 7)] }));
  expect(roundTrip(elements).read).toEqual(elements);
});

test('a name that repeats the text, the label or the alt text crosses once', () => {
  const elements: RawElement[] = [
    { ...BARE, text: 'Same', name: 'Same' },
    { ...BARE, text: '', label: 'Email', name: 'Email', labelled: true },
    { ...BARE, text: '', alt: 'Logo', name: 'Logo' },
    { ...BARE, text: 'Save', label: 'Save', name: 'Save' },
    { ...BARE, text: 'Other', label: 'L', alt: 'A', name: 'Own name' },
    { ...BARE, text: '', name: '' },
  ];
  const { read, json } = roundTrip(elements);
  expect(read).toEqual(elements);
  for (const text of ['Same', 'Email', 'Logo']) expect(json.split(`"${text}"`).length - 1).toBe(1);
});

test('each boolean field has a bit of its own', () => {
  const bits = (Object.keys(ELEMENT_ENCODING) as (keyof RawElement)[]).filter((field) => ELEMENT_ENCODING[field] === 'bit');
  expect(bits.length).toBeGreaterThan(5);
  const elements = bits.map((field) => ({ ...BARE, [field]: true }));
  expect(roundTrip(elements).read).toEqual(elements);
});

test('no element, empty columns and tables', () => {
  const { read, json } = roundTrip([]);
  expect(read).toEqual([]);
  expect(JSON.parse(json)).toMatchObject({ count: 0, tables: { tag: [], role: [], textStyle: [], image: [] } });
});
