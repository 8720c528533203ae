/** An 8-bit grey image, row-major. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Below this luma a background is dark enough for white text to pass WCAG AA (4.5:1). */
const DARK_LUMA = 128;
/** Half the side of the square a pixel's background is judged on: wider than a heading's strokes. */
const RADIUS = 12;

/** Summed-area table of width+1 by height+1, so any box sum is four lookups. */
function summedArea(width: number, height: number, value: (index: number) => number): Float64Array {
  const stride = width + 1;
  const table = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += value(y * width + x);
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1]! + row;
    }
  }
  return table;
}

/**
 * Makes all text dark on a white background, whatever its original polarity, so the OCR engine's
 * global threshold sees white-on-colour button text too. Each pixel is judged against the square
 * around it: where most of the square is dark, the background is dark and the pixel is inverted;
 * then the pixel is divided by its background's level, which turns every background white.
 */
export function normalizePolarity(rgba: Uint8Array, width: number, height: number): GreyImage {
  const size = width * height;
  const luma = new Uint8Array(size);
  for (let i = 0, o = 0; i < size; i++, o += 4) {
    luma[i] = (0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!) | 0;
  }
  const darkCount = summedArea(width, height, (i) => (luma[i]! < DARK_LUMA ? 1 : 0));
  const darkSum = summedArea(width, height, (i) => (luma[i]! < DARK_LUMA ? luma[i]! : 0));
  const allSum = summedArea(width, height, (i) => luma[i]!);
  const stride = width + 1;
  const box = (table: Float64Array, x0: number, y0: number, x1: number, y1: number): number =>
    table[y1 * stride + x1]! - table[y0 * stride + x1]! - table[y1 * stride + x0]! + table[y0 * stride + x0]!;

  const out = new Uint8Array(size);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - RADIUS);
    const y1 = Math.min(height, y + RADIUS + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - RADIUS);
      const x1 = Math.min(width, x + RADIUS + 1);
      const area = (x1 - x0) * (y1 - y0);
      const dark = box(darkCount, x0, y0, x1, y1);
      const sumDark = box(darkSum, x0, y0, x1, y1);
      const value = luma[y * width + x]!;
      let level: number;
      if (dark * 2 > area) {
        const background = 255 - sumDark / dark;
        level = ((255 - value) * 255) / Math.max(background, 1);
      } else {
        const background = (box(allSum, x0, y0, x1, y1) - sumDark) / Math.max(area - dark, 1);
        level = (value * 255) / Math.max(background, 1);
      }
      out[y * width + x] = level > 255 ? 255 : level;
    }
  }
  return { width, height, pixels: out };
}

/** Plain luma, for recognition without polarity normalization. */
export function toGrey(rgba: Uint8Array, width: number, height: number): GreyImage {
  const size = width * height;
  const pixels = new Uint8Array(size);
  for (let i = 0, o = 0; i < size; i++, o += 4) pixels[i] = (0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!) | 0;
  return { width, height, pixels };
}

/** Binary PGM: an uncompressed format the engine's image reader takes, so encoding costs nothing. */
export function encodePgm(image: GreyImage, firstRow = 0, rows = image.height): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${rows}\n255\n`, 'latin1');
  const body = image.pixels.subarray(firstRow * image.width, (firstRow + rows) * image.width);
  return Buffer.concat([header, body]);
}

/**
 * Rows at which the image can be cut into `parts` bands for parallel recognition without cutting
 * through text: blank rows (all near white after normalization) near the even split points.
 * Returns the start row of each band; fewer bands when no blank row is near a split point.
 */
export function bandStarts(image: GreyImage, parts: number, minRows = 160): number[] {
  const { width, height, pixels } = image;
  const count = Math.min(parts, Math.floor(height / minRows));
  const starts = [0];
  if (count < 2) return starts;
  const isBlank = (row: number): boolean => {
    const offset = row * width;
    for (let x = 0; x < width; x++) if (pixels[offset + x]! < 200) return false;
    return true;
  };
  const reach = Math.floor(height / count / 2);
  for (let k = 1; k < count; k++) {
    const ideal = Math.round((height * k) / count);
    for (let d = 0; d < reach; d++) {
      const candidate = [ideal - d, ideal + d].find((row) => row > starts[starts.length - 1]! + minRows / 2 && row < height - minRows / 2 && isBlank(row));
      if (candidate !== undefined) {
        starts.push(candidate);
        break;
      }
    }
  }
  return starts;
}
