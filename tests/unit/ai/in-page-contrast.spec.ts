import { test, expect } from '@playwright/test';
// Unit tests of the in-page modules and the contrast maths they share: internal, imported directly.
import { composite, contrastRatio } from '../../../packages/ai/dist/vision/contrast.js';
import { source } from '../../../packages/ai/dist/vision/generated/dom-collect-source.js';
import { readColor } from '../../../packages/ai/dist/vision/in-page/colors.js';
import { Styles } from '../../../packages/ai/dist/vision/in-page/styles.js';

// The in-page colour and contrast code is pure where it touches no style: it runs in Node as it is.

test('computed colours parse as the browser writes them', () => {
  expect(readColor('rgb(17, 24, 39)')).toEqual([17, 24, 39, 1]);
  expect(readColor('rgba(0, 0, 0, 0.5)')).toEqual([0, 0, 0, 0.5]);
  expect(readColor('rgb(1 2 3 / 0.25)')).toEqual([1, 2, 3, 0.25]);
  expect(readColor('transparent')).toEqual([0, 0, 0, 0]);
});

test('the page flags text near or under AA with the contrast maths of contrast.ts, the one copy', () => {
  const styles = new Styles();
  const backgrounds: [number, number, number][] = [[255, 255, 255], [17, 24, 39], [21, 101, 192], [244, 245, 249]];
  for (const background of backgrounds) {
    for (let grey = 0; grey <= 255; grey += 15) {
      for (const alpha of [1, 0.6]) {
        const color = `rgba(${grey}, ${grey}, ${grey}, ${alpha})`;
        const ratio = contrastRatio(composite([grey, grey, grey, alpha], background), background);
        expect(styles.contrastNearLow(color, background), `${color} on ${background.join(',')}: ${ratio.toFixed(2)}:1`).toBe(ratio < 4.5 * 1.01);
      }
    }
  }
  // #777 on white is 4.48:1, just under AA; black on white is 21:1.
  expect(styles.contrastNearLow('rgb(119, 119, 119)', [255, 255, 255])).toBe(true);
  expect(styles.contrastNearLow('rgb(0, 0, 0)', [255, 255, 255])).toBe(false);
  // The injected bundle carries contrast.ts's luminance, and no second copy of it.
  expect(source.split('0.2126').length - 1).toBe(1);
});
