import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TesseractModule from 'tesseract.js';

type Tesseract = typeof TesseractModule;
type TesseractWorker = TesseractModule.Worker;
export type OcrPage = TesseractModule.Page;

const LANGUAGE_PACKAGE = '@tesseract.js-data/eng';
/** The most accurate integer model: the float "best" is slower, "fast" misses small UI text. */
const MODEL_FOLDER = '4.0.0_best_int';

/** OCR cannot run: what is missing and how to get it. */
export class OcrUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrUnavailableError';
  }
}

async function loadTesseract(): Promise<Tesseract> {
  try {
    const loaded = (await import('tesseract.js')) as Tesseract & { default?: Tesseract };
    // tesseract.js is CommonJS: its API is on `default` when imported from ESM.
    return loaded.default ?? loaded;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new OcrUnavailableError('OCR needs the package "tesseract.js" (v7), which is not installed: npm install tesseract.js');
    }
    throw error;
  }
}

/** The folder of the English model shipped by the language data package; never a download. */
export function languageDataPath(): string {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve(`${LANGUAGE_PACKAGE}/package.json`);
  } catch {
    throw new OcrUnavailableError(
      `OCR needs the language data package "${LANGUAGE_PACKAGE}", which is not installed: npm install ${LANGUAGE_PACKAGE} (Panoptic never downloads language data at run time)`,
    );
  }
  const folder = path.join(path.dirname(manifest), MODEL_FOLDER);
  if (!fs.existsSync(path.join(folder, 'eng.traineddata.gz'))) {
    throw new OcrUnavailableError(
      `OCR language data is incomplete: ${LANGUAGE_PACKAGE} has no ${MODEL_FOLDER}/eng.traineddata.gz; reinstall it (npm install ${LANGUAGE_PACKAGE}@^1)`,
    );
  }
  return folder;
}

async function startWorker(tesseract: Tesseract, langPath: string): Promise<TesseractWorker> {
  let worker: TesseractWorker;
  try {
    worker = await tesseract.createWorker('eng', tesseract.OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      // Nothing is cached or fetched: the model is read from the package on every start.
      cacheMethod: 'none',
      // Without a handler, a failed job throws inside tesseract.js's message listener and kills the
      // process; with one, the failure only rejects the job's promise, which callers see.
      errorHandler: () => undefined,
    });
  } catch (error) {
    throw new OcrUnavailableError(`The OCR engine (tesseract.js) failed to start with the model in ${langPath}: ${String(error)}`);
  }
  await worker.setParameters({
    // The default single-block mode drops table cells and buttons; automatic layout keeps them.
    tessedit_pageseg_mode: tesseract.PSM.AUTO,
    // Screenshots carry no resolution; saying so spares the engine a guess it prints to stderr.
    user_defined_dpi: '96',
  });
  return worker;
}

/**
 * The OCR workers of this process, behind tesseract.js's scheduler (one job per idle worker).
 * Created once, at the first recognition; `parallel_workers` sets its size.
 */
export class OcrPool {
  private size = 0;
  /** Jobs handed to the pool and not finished yet, running or queued. */
  private pending = 0;
  private handedOver = 0;
  private growth: Promise<void> = Promise.resolve();

  private constructor(
    private readonly tesseract: Tesseract,
    private readonly scheduler: TesseractModule.Scheduler,
    private readonly langPath: string,
  ) {}

  static async create(): Promise<OcrPool> {
    const langPath = languageDataPath();
    const tesseract = await loadTesseract();
    return new OcrPool(tesseract, tesseract.createScheduler(), langPath);
  }

  get workers(): number {
    return this.size;
  }

  /** OCR jobs handed to the pool so far: one per image, or one per band of an image cut into bands. */
  get jobs(): number {
    return this.handedOver;
  }

  /** Workers that a job handed over now would find free (none when jobs are queued). */
  get idleWorkers(): number {
    return Math.max(0, this.size - this.pending);
  }

  /** Grows the pool to `size` workers (never shrinks it); concurrent calls queue. */
  ensure(size: number): Promise<void> {
    this.growth = this.growth.catch(() => undefined).then(async () => {
      const missing = Math.max(0, size - this.size);
      if (!missing) return;
      const started = await Promise.all(Array.from({ length: missing }, () => startWorker(this.tesseract, this.langPath)));
      for (const worker of started) this.scheduler.addWorker(worker);
      this.size += missing;
    });
    return this.growth;
  }

  /** Recognizes one encoded image (PNG, PGM, JPEG...) on the next idle worker. */
  async recognize(image: Buffer): Promise<OcrPage> {
    this.pending++;
    this.handedOver++;
    try {
      await this.growth;
      if (!this.size) await this.ensure(1);
      const result = await this.scheduler.addJob('recognize', image, {}, { blocks: true, text: false });
      return result.data;
    } finally {
      this.pending--;
    }
  }

  async close(): Promise<void> {
    await this.growth.catch(() => undefined);
    await this.scheduler.terminate();
    this.size = 0;
  }
}

let shared: Promise<OcrPool> | undefined;

/** This process's pool, grown to at least `workers` workers. */
export async function ocrPool(workers = 1): Promise<OcrPool> {
  const current = (shared ??= OcrPool.create());
  let pool: OcrPool;
  try {
    pool = await current;
  } catch (error) {
    // A failed start (package missing) is retried on the next call rather than cached forever.
    if (shared === current) shared = undefined;
    throw error;
  }
  await pool.ensure(Math.max(1, Math.floor(workers)));
  return pool;
}

/** Stops this process's OCR workers; needed only by programs that must exit on their own. */
export async function closeOcr(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}
