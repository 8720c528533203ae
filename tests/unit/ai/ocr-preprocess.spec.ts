import { test, expect } from '@playwright/test';
// Unit tests of the OCR pre-processing, internal to @panoptic/ai: imported directly.
import { bandStarts, normalizePolarity, type GreyImage } from '../../../packages/ai/dist/ocr/preprocess.js';

type Rgb = [number, number, number];

/** An image of `background` with a `foreground` bar (a stand-in for a text stroke) in the middle. */
function barOn(background: Rgb, foreground: Rgb, width = 120, height = 60): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inBar = y >= 26 && y < 32 && x >= 20 && x < 100;
      const [r, g, b] = inBar ? foreground : background;
      rgba.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

const at = (image: GreyImage, x: number, y: number) => image.pixels[y * image.width + x]!;

test('white text on a dark button becomes dark text on white', () => {
  const image = normalizePolarity(barOn([21, 101, 192], [255, 255, 255]), 120, 60);
  expect(at(image, 60, 28)).toBeLessThan(40);
  expect(at(image, 5, 5)).toBeGreaterThan(240);
});

test('dark text on white stays dark on white', () => {
  const image = normalizePolarity(barOn([250, 250, 250], [20, 20, 20]), 120, 60);
  expect(at(image, 60, 28)).toBeLessThan(40);
  expect(at(image, 5, 5)).toBeGreaterThan(240);
});

test('a tinted background turns white and grey text stays clearly darker', () => {
  const image = normalizePolarity(barOn([220, 225, 235], [150, 150, 150]), 120, 60);
  expect(at(image, 5, 5)).toBeGreaterThan(240);
  expect(at(image, 60, 28)).toBeLessThan(200);
});

/** The definition, pixel by pixel: each pixel's square counted directly, as slowly as it reads. */
function normalizeDirectly(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const luma = (i: number) => (0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!) | 0;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let area = 0;
      let dark = 0;
      let darkSum = 0;
      let lightSum = 0;
      for (let sy = Math.max(0, y - 12); sy <= Math.min(height - 1, y + 12); sy++) {
        for (let sx = Math.max(0, x - 12); sx <= Math.min(width - 1, x + 12); sx++) {
          const value = luma(sy * width + sx);
          area++;
          if (value < 128) {
            dark++;
            darkSum += value;
          } else {
            lightSum += value;
          }
        }
      }
      const value = luma(y * width + x);
      const level = dark * 2 > area ? ((255 - value) * 255) / Math.max(255 - darkSum / dark, 1) : (value * 255) / Math.max(lightSum / Math.max(area - dark, 1), 1);
      out[y * width + x] = Math.min(255, level);
    }
  }
  return out;
}

test('normalization gives every pixel exactly what counting its square directly gives, at the edges too', () => {
  // Dark and light blocks of varied sizes, noise and a narrow strip: squares of every mix and clipping.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const [width, height] of [[90, 70], [30, 5], [5, 40], [1, 1], [26, 25]] as const) {
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const block = (Math.floor(x / 17) + Math.floor(y / 11)) % 3;
        const base = block === 0 ? 235 : block === 1 ? 30 : 120;
        const o = (y * width + x) * 4;
        for (let c = 0; c < 3; c++) rgba[o + c] = Math.max(0, Math.min(255, base + Math.round((random() - 0.5) * 80)));
        rgba[o + 3] = 255;
      }
    }
    const fast = normalizePolarity(rgba, width, height).pixels;
    expect(Array.from(fast), `${width}x${height}`).toEqual(Array.from(normalizeDirectly(rgba, width, height)));
  }
});

test('bands are cut only at blank rows', () => {
  const width = 50;
  const height = 400;
  const pixels = new Uint8Array(width * height).fill(255);
  // Text everywhere except rows 150-170 and 290-300.
  for (let y = 0; y < height; y++) if (!(y >= 150 && y < 170) && !(y >= 290 && y < 300)) pixels[y * width + 10] = 0;
  const starts = bandStarts({ width, height, pixels }, 2, 100);
  expect(starts).toHaveLength(2);
  expect(starts[1]).toBeGreaterThanOrEqual(150);
  expect(starts[1]).toBeLessThan(170);
  // Nothing blank near the middle of a 3-way split's second cut, so fewer bands rather than a cut through text.
  const noBlank = new Uint8Array(width * height).fill(0);
  expect(bandStarts({ width, height, pixels: noBlank }, 3, 100)).toEqual([0]);
  // Too short to split.
  expect(bandStarts({ width, height: 150, pixels: pixels.subarray(0, width * 150) }, 2, 100)).toEqual([0]);
});
