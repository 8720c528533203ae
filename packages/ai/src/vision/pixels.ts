import type { RgbaImage } from '../ocr/recognize.js';
import { contrastRatio } from './contrast.js';
import type { Box } from '../ocr/types.js';

/**
 * Text contrast as the screenshot shows it inside `box`: the background is the most common colour,
 * the text colour the strongest among the other pixels (at the 75th percentile, so one stray pixel
 * of a border or an icon does not decide). Undefined when the box holds no pixels or one colour only.
 */
export function measuredContrast(image: RgbaImage, box: Box): { ratio: number; background: [number, number, number]; text: [number, number, number] } | undefined {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  if (x1 <= x0 || y1 <= y0) return undefined;
  const bins = new Map<number, { count: number; r: number; g: number; b: number }>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = (y * image.width + x) * 4;
      const r = image.rgba[o]!;
      const g = image.rgba[o + 1]!;
      const b = image.rgba[o + 2]!;
      const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
      const bin = bins.get(key) ?? { count: 0, r: 0, g: 0, b: 0 };
      bin.count++;
      bin.r += r;
      bin.g += g;
      bin.b += b;
      bins.set(key, bin);
    }
  }
  let mode: { count: number; r: number; g: number; b: number } | undefined;
  for (const bin of bins.values()) if (!mode || bin.count > mode.count) mode = bin;
  if (!mode || bins.size < 2) return undefined;
  const background: [number, number, number] = [mode.r / mode.count, mode.g / mode.count, mode.b / mode.count];
  const others = [...bins.values()]
    .filter((bin) => bin !== mode)
    .map((bin) => {
      const rgb: [number, number, number] = [bin.r / bin.count, bin.g / bin.count, bin.b / bin.count];
      return { ratio: contrastRatio(rgb, background), rgb, count: bin.count };
    })
    .sort((a, b) => b.ratio - a.ratio);
  const total = others.reduce((sum, bin) => sum + bin.count, 0);
  let seen = 0;
  const pick = others.find((bin) => (seen += bin.count) > total * 0.25) ?? others[others.length - 1]!;
  const round = (rgb: [number, number, number]) => rgb.map((v) => Math.round(v)) as [number, number, number];
  return { ratio: pick.ratio, background: round(background), text: round(pick.rgb) };
}
