import { PNG } from 'pngjs';
import { ocrPool, type OcrPage, type OcrPool } from './engine.js';
import { bandStarts, encodePgm, normalizePolarity, toGrey, type GreyImage } from './preprocess.js';
import type { OcrOptions, OcrWord } from './types.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Words with no letter or digit are, on screenshots, nearly always box edges and icon fragments. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

/** A decoded image: RGBA, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function assertPng(png: Buffer): void {
  if (!Buffer.isBuffer(png) || !png.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const received = Buffer.isBuffer(png) ? `${png.length} bytes starting ${png.subarray(0, 8).toString('hex')}` : typeof png;
    throw new TypeError(`recognizeText expects a PNG image in a Buffer; got ${received}`);
  }
}

export function decodePng(png: Buffer): RgbaImage {
  assertPng(png);
  const decoded = PNG.sync.read(png);
  return { width: decoded.width, height: decoded.height, rgba: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
}

function wordsOf(page: OcrPage, offsetY: number, minConfidence: number): OcrWord[] {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const text = word.text.trim();
          const confidence = word.confidence / 100;
          if (!MEANINGFUL.test(text) || confidence < minConfidence) continue;
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({ text, confidence, box: { x: x0, y: y0 + offsetY, width: x1 - x0, height: y1 - y0 } });
        }
      }
    }
  }
  return words;
}

/**
 * Resolves on the event loop's next turn. The image work of a recognition is synchronous; run at
 * once, the image work of every screenshot handed over together would come before the first OCR
 * job reaches a worker. One screenshot per turn lets each one's jobs start while the next is prepared.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Recognitions called and not yet handed to the pool: each of them will want a worker. */
let waiting = 0;

async function recognize(image: () => RgbaImage, options: OcrOptions): Promise<OcrWord[]> {
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  let pool: OcrPool;
  let grey: GreyImage;
  waiting++;
  try {
    pool = await ocrPool(workers);
    await nextTurn();
    const rgba = image();
    grey = options.preprocess === false ? toGrey(rgba.rgba, rgba.width, rgba.height) : normalizePolarity(rgba.rgba, rgba.width, rgba.height);
  } finally {
    waiting--;
  }
  // Bands shorten one screenshot's wait, for workers that nothing else will take. When other
  // screenshots are waiting, each gets a worker and reading whole ones costs less: every band
  // repeats the engine's layout analysis, and bands cut unevenly leave a worker idle at the end.
  const spare = pool.idleWorkers - waiting;
  const starts = bandStarts(grey, Math.min(workers, Math.max(1, spare)));
  const pages = await Promise.all(starts.map((start, i) => pool.recognize(encodePgm(grey, start, (starts[i + 1] ?? grey.height) - start))));
  return pages.flatMap((page, i) => wordsOf(page, starts[i]!, options.minConfidence ?? 0));
}

/** `recognizeText` for an image already decoded (the vision analysis decodes its screenshot once). */
export async function recognizeImage(image: RgbaImage, options: OcrOptions = {}): Promise<OcrWord[]> {
  return recognize(() => image, options);
}

/**
 * Reads the words of a PNG with tesseract.js, fully offline (the model comes from the
 * `@tesseract.js-data/eng` package). With more than one worker, a screenshot that would leave
 * workers idle is cut at blank rows into bands read in parallel. Boxes are in the image's pixels; words are
 * in reading order.
 */
export async function recognizeText(png: Buffer, options: OcrOptions = {}): Promise<OcrWord[]> {
  assertPng(png);
  return recognize(() => decodePng(png), options);
}
