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

/** ITU-R BT.601 luma, truncated to an integer. */
function lumaOf(rgba: Uint8Array, size: number): Uint8Array {
  const luma = new Uint8Array(size);
  for (let i = 0, o = 0; i < size; i++, o += 4) luma[i] = (0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!) | 0;
  return luma;
}

/** What a pixel becomes, given the dark pixels and the sums of dark and light luma in its square. */
function normalizedLevel(value: number, dark: number, darkSum: number, lightSum: number, area: number): number {
  let level: number;
  if (dark * 2 > area) {
    const background = 255 - darkSum / dark;
    level = ((255 - value) * 255) / Math.max(background, 1);
  } else {
    const background = lightSum / Math.max(area - dark, 1);
    level = (value * 255) / Math.max(background, 1);
  }
  return level > 255 ? 255 : level;
}

/**
 * Makes all text dark on a white background, whatever its original polarity, so the OCR engine's
 * global threshold sees white-on-colour button text too. Each pixel is judged against the square
 * around it: where most of the square is dark, the background is dark and the pixel is inverted;
 * then the pixel is divided by its background's level, which turns every background white.
 *
 * It runs for every screenshot on a core the OCR workers need, so the square's counts are sliding
 * sums: per column over the square's rows (one row enters, one leaves), then along each row, in one
 * integer array three entries per column. The sums are exact integers, as summed-area tables give.
 */
export function normalizePolarity(rgba: Uint8Array, width: number, height: number): GreyImage {
  const luma = lumaOf(rgba, width * height);
  const out = new Uint8Array(width * height);
  // Per column, over the rows of the current square: [dark pixels, their luma, the other pixels' luma].
  const columns = new Int32Array(width * 3);
  // `entering` and `leaving`: where the row entering the square and the one leaving it start, or -1.
  const slideRows = (entering: number, leaving: number): void => {
    for (let x = 0, c = 0; x < width; x++, c += 3) {
      if (entering >= 0) {
        const value = luma[entering + x]!;
        if (value < DARK_LUMA) {
          columns[c]!++;
          columns[c + 1]! += value;
        } else {
          columns[c + 2]! += value;
        }
      }
      if (leaving >= 0) {
        const value = luma[leaving + x]!;
        if (value < DARK_LUMA) {
          columns[c]!--;
          columns[c + 1]! -= value;
        } else {
          columns[c + 2]! -= value;
        }
      }
    }
  };
  for (let row = 0; row < Math.min(height, RADIUS); row++) slideRows(row * width, -1);

  for (let y = 0; y < height; y++) {
    slideRows(y + RADIUS < height ? (y + RADIUS) * width : -1, y > RADIUS ? (y - RADIUS - 1) * width : -1);
    const rows = Math.min(height, y + RADIUS + 1) - Math.max(0, y - RADIUS);
    let dark = 0;
    let darkSum = 0;
    let lightSum = 0;
    let squareWidth = 0;
    for (let c = 0; c < Math.min(width, RADIUS) * 3; c += 3, squareWidth++) {
      dark += columns[c]!;
      darkSum += columns[c + 1]!;
      lightSum += columns[c + 2]!;
    }
    // The square grows at the left edge, slides through the middle and shrinks at the right edge.
    const rowStart = y * width;
    let x = 0;
    for (; x <= Math.min(width - 1, RADIUS); x++) {
      if (x + RADIUS < width) {
        const c = (x + RADIUS) * 3;
        dark += columns[c]!;
        darkSum += columns[c + 1]!;
        lightSum += columns[c + 2]!;
        squareWidth++;
      }
      out[rowStart + x] = normalizedLevel(luma[rowStart + x]!, dark, darkSum, lightSum, squareWidth * rows);
    }
    const area = squareWidth * rows;
    for (; x + RADIUS < width; x++) {
      const entering = (x + RADIUS) * 3;
      const leaving = (x - RADIUS - 1) * 3;
      dark += columns[entering]! - columns[leaving]!;
      darkSum += columns[entering + 1]! - columns[leaving + 1]!;
      lightSum += columns[entering + 2]! - columns[leaving + 2]!;
      out[rowStart + x] = normalizedLevel(luma[rowStart + x]!, dark, darkSum, lightSum, area);
    }
    for (; x < width; x++) {
      const c = (x - RADIUS - 1) * 3;
      dark -= columns[c]!;
      darkSum -= columns[c + 1]!;
      lightSum -= columns[c + 2]!;
      squareWidth--;
      out[rowStart + x] = normalizedLevel(luma[rowStart + x]!, dark, darkSum, lightSum, squareWidth * rows);
    }
  }
  return { width, height, pixels: out };
}

/** Plain luma, for recognition without polarity normalization. */
export function toGrey(rgba: Uint8Array, width: number, height: number): GreyImage {
  return { width, height, pixels: lumaOf(rgba, width * height) };
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
