import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SampledFrame {
  seconds: number;
  /** The frame at its own size, then at half size. */
  pngs: Buffer[];
}

/**
 * Frames of a video at `fps` frames a second, as PNGs with their time. The fps filter resamples,
 * so a video whose frames come only when something changed (a page's) still gives one per interval.
 * Each comes at half size too: the OCR engine reads letters about 20 to 30 px high best, and misreads
 * a 56 px heading that it reads without fault at half size.
 */
export async function sampleFrames(video: string, fps: number): Promise<SampledFrame[]> {
  const { requireFfmpeg } = await import('@panoptic/fixtures/media');
  const ffmpeg = requireFfmpeg('Reading frames of a video');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-frames-'));
  try {
    const filter = `[0:v]fps=${fps},split[full][tohalf];[tohalf]scale=trunc(iw/4)*2:trunc(ih/4)*2[half]`;
    const outputs = ['full', 'half'].flatMap((name) => ['-map', `[${name}]`, '-f', 'image2', path.join(dir, `%06d-${name}.png`)]);
    const args = ['-hide_banner', '-loglevel', 'error', '-i', video, '-filter_complex', filter, ...outputs];
    try {
      await run(ffmpeg, args);
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`ffmpeg could not read frames of ${video}: ${stderr.trim() || (error as Error).message}`, { cause: error });
    }
    // image2 numbers from 1; frame n of the fps filter's output is at (n - 1) / fps seconds.
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('-full.png'))
      .sort()
      .map((name) => ({
        seconds: (Number.parseInt(name, 10) - 1) / fps,
        pngs: [name, name.replace('-full', '-half')].map((file) => fs.readFileSync(path.join(dir, file))),
      }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
