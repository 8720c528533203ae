import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CommandError } from '../command-error.js';
import type { CommandIo } from '../command-io.js';
import { plural } from '../format.js';
import { positiveNumber, wholeNumber } from '../options/numbers.js';
import { mediaCommand } from './media-command.js';
import { matchTexts, type FrameWords, type TextMatch } from './recvalidate-match.js';
import { sampleFrames } from './recvalidate-frames.js';

export interface RecValidateFlags {
  expect: string[];
  fps: string;
  minConfidence: string;
  workers: string;
  json?: boolean;
}

/** What `--json` prints: one document, versioned like every other Panoptic document. */
export interface RecValidateReport {
  version: 1;
  video: string;
  durationSeconds: number;
  codec: string;
  fps: number;
  frames: number;
  minConfidence: number;
  ok: boolean;
  expected: TextMatch[];
}

const EXAMPLES = `
Examples:
  $ panoptic recvalidate bug.webm --expect "Order placed" --expect "Total: 42"
  $ panoptic recvalidate run.mp4 --expect Welcome --fps 2 --json > check.json

Exit code 0 when every expected text was read in some frame, 1 otherwise. Needs ffmpeg
(apt-get install -y ffmpeg); OCR is Panoptic's own (tesseract.js, offline).`;

const seconds = (value: number): string => `${value.toFixed(1)} s`;

function describe(match: TextMatch, frames: number): string {
  const text = JSON.stringify(match.text);
  if (!match.found) return `  missing  ${text}: read in none of ${plural(frames, 'frame')}`;
  const span = match.firstSeconds === match.lastSeconds ? `at ${seconds(match.firstSeconds!)}` : `from ${seconds(match.firstSeconds!)} to ${seconds(match.lastSeconds!)}`;
  return `  found    ${text}: ${span}, in ${match.seenAt.length} of ${plural(frames, 'frame')}, confidence ${match.confidence!.toFixed(2)}`;
}

async function validate(video: string, flags: RecValidateFlags, cwd: string): Promise<RecValidateReport> {
  const file = path.resolve(cwd, video);
  if (!fs.existsSync(file)) throw new CommandError([`${video}: no such file`]);
  if (!flags.expect.length) throw new CommandError(['give at least one --expect "text" to look for']);
  const fps = positiveNumber(flags.fps, '--fps');
  if (!(fps > 0)) throw new CommandError(['--fps: expected a number above 0']);
  const minConfidence = positiveNumber(flags.minConfidence, '--min-confidence');
  if (minConfidence > 1) throw new CommandError(['--min-confidence: expected a number from 0 to 1']);
  const workers = wholeNumber(flags.workers, '--workers', 1);
  const { probeVideo } = await import('@panoptic/fixtures/media');
  const probe = await probeVideo(file);
  const sampled = await sampleFrames(file, fps);
  const { recognizeText, closeOcr } = await import('@panoptic/ai');
  let frames: FrameWords[];
  try {
    // The pool reads several frames at once; each waits for a free worker.
    frames = await Promise.all(
      sampled.map(async (frame) => ({ seconds: frame.seconds, readings: await Promise.all(frame.pngs.map((png) => recognizeText(png, { workers }))) })),
    );
  } finally {
    await closeOcr();
  }
  const expected = matchTexts(flags.expect, frames, minConfidence);
  return { version: 1, video, durationSeconds: probe.durationSeconds, codec: probe.codec, fps, frames: frames.length, minConfidence, ok: expected.every((m) => m.found), expected };
}

/** `panoptic recvalidate <video> --expect <text>...`: whether, when and how surely each text shows in the video. */
export async function recValidateCommand(video: string, flags: RecValidateFlags, io: CommandIo = {}): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const stdout = io.stdout ?? process.stdout;
  return mediaCommand(io, async () => {
    const report = await validate(video, flags, cwd);
    if (flags.json) {
      stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      stdout.write(`${video}: ${seconds(report.durationSeconds)} ${report.codec}, ${plural(report.frames, 'frame')} read (${report.fps} a second)\n`);
      for (const match of report.expected) stdout.write(`${describe(match, report.frames)}\n`);
      const missing = report.expected.filter((m) => !m.found).length;
      stdout.write(missing ? `${missing} of ${plural(report.expected.length, 'expected text')} not found\n` : `all ${plural(report.expected.length, 'expected text')} found\n`);
    }
    return report.ok ? 0 : 1;
  });
}

export function addRecValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('recvalidate')
    .description('check a recorded video: samples frames, reads them with OCR, reports whether and when each expected text appears')
    .argument('<video>', 'a video file ffmpeg can read (.webm, .mp4, ...)')
    .option('--expect <text>', 'a text that must appear (repeat for several)', (value: string, all: string[]) => [...all, value], [])
    .option('--fps <n>', 'frames sampled per second of video', '1')
    .option('--min-confidence <0..1>', 'the least mean OCR confidence of a text to count as read', '0.5')
    .option('--workers <n>', 'OCR workers reading frames at once', '2')
    .option('--json', 'print one JSON document instead of lines')
    .addHelpText('after', EXAMPLES)
    .action(async (video: string, flags: RecValidateFlags) => setExitCode(await recValidateCommand(video, flags)));
}
